#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>

class QSettings;

namespace ChuteDeck::Ui {

// The routers the user knows, keyed by the router URL the CLI takes ("sandbox:PATH", later
// "ssh://host", "http://host:port"), each with a display name. Kept in QSettings without secrets:
// user info and passwords are stripped from every URL before it even enters the model. The sandbox
// router is row 0, always there, and cannot be removed.
class RouterModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouterModel)

public:
    enum Column { NameColumn, UrlColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // sandbox first, then names case-insensitively
        UrlRole,
        SandboxRole, // bool
    };

    explicit RouterModel(QObject *parent = nullptr);
    ~RouterModel() override = default;

    // The URL without user info ("ssh://root:pw@host" → "ssh://host"); other text unchanged.
    static QString withoutSecrets(const QString &url);

    QString sandboxUrl() const;
    void setSandboxUrl(const QString &url);

    // False when the URL is empty or already known.
    bool addRouter(const QString &url, const QString &name);
    // False for the sandbox and for unknown URLs.
    bool removeRouter(const QString &url);
    bool renameRouter(const QString &url, const QString &name);

    int rowOf(const QString &url) const; // -1 when unknown
    QString urlAt(int row) const;

    // Group "routers": the sandbox's name and the other routers, in order.
    void save(QSettings &settings) const;
    void load(QSettings &settings);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Router
    {
        QString url;
        QString name;
    };

    QList<Router> m_routers; // the sandbox first
};

} // namespace ChuteDeck::Ui
