#pragma once

#include "core/chute/chutespec.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QIcon>
#include <QList>

#include <array>

namespace ChuteDeck::Ui {

// The chutes installed on the current router. setChutes() after every change updates the rows in
// place by name, so a view keeps its selection and scroll position.
class ChuteModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChuteModel)

public:
    enum Column {
        NameColumn,
        StateColumn,
        VersionColumn,
        ServicesColumn,
        OwnerColumn,
        WebPortColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // raw values: state and web port as numbers, versions in order
        NameRole,
        StateRole, // Core::ChuteState as int
    };

    explicit ChuteModel(QObject *parent = nullptr);
    ~ChuteModel() override = default;

    // The colour of a state's icon: running green, stopped grey, invalid red, frozen blue,
    // disabled dark grey.
    static QColor stateColor(Core::ChuteState state);

    const QList<Core::ChuteSpec> &chutes() const { return m_chutes; }
    int rowOf(const QString &name) const; // -1 when absent

    // Removes the rows of chutes that are gone, updates the changed ones and appends new ones; a
    // reset only when no chute stayed.
    void setChutes(const QList<Core::ChuteSpec> &chutes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString stateText(Core::ChuteState state) const;
    QVariant sortValue(const QModelIndex &index) const;

    QList<Core::ChuteSpec> m_chutes;
    std::array<QIcon, 5> m_stateIcons; // by Core::ChuteState
};

} // namespace ChuteDeck::Ui
