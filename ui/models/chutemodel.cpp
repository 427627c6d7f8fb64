#include "ui/models/chutemodel.h"

#include <QIconEngine>
#include <QPainter>
#include <QPixmap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Ui {

namespace {

// A filled circle of one colour, painted with QPainter at whatever size and pixel ratio a view
// asks for. Nothing is painted before a view asks, so the model stays usable without a
// QGuiApplication (model tests run guiless, and QPixmap needs the GUI).
class CircleIconEngine final : public QIconEngine
{
public:
    explicit CircleIconEngine(QColor color)
        : m_color(color)
    {}

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode,
               QIcon::State /*state*/) override
    {
        const int side = std::min(rect.width(), rect.height());
        const qreal margin = side / 6.0;
        const QRectF circle(rect.x() + (rect.width() - side) / 2.0 + margin,
                            rect.y() + (rect.height() - side) / 2.0 + margin, side - 2 * margin,
                            side - 2 * margin);
        QColor fill = m_color;
        if (mode == QIcon::Disabled)
            fill.setAlphaF(0.4f);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(fill.darker(130), std::max(1.0, side / 16.0)));
        painter->setBrush(fill);
        painter->drawEllipse(circle);
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap result(size);
        result.fill(Qt::transparent);
        QPainter painter(&result);
        paint(&painter, QRect(QPoint(), size), mode, state);
        return result;
    }

    QIconEngine *clone() const override { return new CircleIconEngine(m_color); }
    QString key() const override { return u"ChuteDeckCircle"_s; }

private:
    QColor m_color;
};

constexpr std::array kStates{Core::ChuteState::Invalid, Core::ChuteState::Disabled,
                             Core::ChuteState::Running, Core::ChuteState::Frozen,
                             Core::ChuteState::Stopped};

QString servicesText(const Core::ChuteSpec &chute)
{
    QStringList names;
    names.reserve(chute.services.size());
    for (const Core::ServiceSpec &service : chute.services)
        names.append(service.name);
    return names.join(u", "_s);
}

} // namespace

ChuteModel::ChuteModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    for (const Core::ChuteState state : kStates)
        m_stateIcons[size_t(state)] = QIcon(new CircleIconEngine(stateColor(state)));
}

QColor ChuteModel::stateColor(Core::ChuteState state)
{
    switch (state) {
    case Core::ChuteState::Running:
        return {0x3c, 0xa0, 0x4b};
    case Core::ChuteState::Stopped:
        return {0x9a, 0x9a, 0x9a};
    case Core::ChuteState::Invalid:
        return {0xd0, 0x3b, 0x3b};
    case Core::ChuteState::Frozen:
        return {0x3b, 0x78, 0xd0};
    case Core::ChuteState::Disabled:
        return {0x4a, 0x4a, 0x4a};
    }
    return {};
}

int ChuteModel::rowOf(const QString &name) const
{
    const auto found
        = std::find_if(m_chutes.cbegin(), m_chutes.cend(),
                       [&name](const Core::ChuteSpec &chute) { return chute.name == name; });
    return found == m_chutes.cend() ? -1 : int(found - m_chutes.cbegin());
}

void ChuteModel::setChutes(const QList<Core::ChuteSpec> &chutes)
{
    const auto findIn = [](const QList<Core::ChuteSpec> &list, const QString &name) {
        return std::find_if(list.cbegin(), list.cend(),
                            [&name](const Core::ChuteSpec &chute) { return chute.name == name; });
    };
    const bool anyStays
        = std::any_of(m_chutes.cbegin(), m_chutes.cend(), [&](const Core::ChuteSpec &chute) {
              return findIn(chutes, chute.name) != chutes.cend();
          });
    if (!anyStays && !m_chutes.isEmpty()) {
        beginResetModel();
        m_chutes = chutes;
        endResetModel();
        return;
    }

    // Gone chutes, from the bottom up, one removal per contiguous range.
    for (int row = int(m_chutes.size()) - 1; row >= 0;) {
        if (findIn(chutes, m_chutes[row].name) != chutes.cend()) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && findIn(chutes, m_chutes[first - 1].name) == chutes.cend())
            --first;
        beginRemoveRows({}, first, row);
        m_chutes.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }

    // Changed chutes, in place; one notification per contiguous range.
    int firstChanged = -1;
    const auto flush = [&](int end) {
        if (firstChanged >= 0) {
            Q_EMIT dataChanged(index(firstChanged, 0), index(end - 1, ColumnCount - 1));
            firstChanged = -1;
        }
    };
    for (int row = 0; row < m_chutes.size(); ++row) {
        const Core::ChuteSpec &next = *findIn(chutes, m_chutes[row].name);
        if (next == m_chutes[row]) {
            flush(row);
            continue;
        }
        m_chutes[row] = next;
        if (firstChanged < 0)
            firstChanged = row;
    }
    flush(int(m_chutes.size()));

    QList<Core::ChuteSpec> added;
    for (const Core::ChuteSpec &chute : chutes) {
        if (findIn(m_chutes, chute.name) == m_chutes.cend())
            added.append(chute);
    }
    if (!added.isEmpty()) {
        const int first = int(m_chutes.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_chutes.append(added);
        endInsertRows();
    }
}

int ChuteModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_chutes.size());
}

int ChuteModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ChuteModel::stateText(Core::ChuteState state) const
{
    switch (state) {
    case Core::ChuteState::Running:
        return tr("Running");
    case Core::ChuteState::Stopped:
        return tr("Stopped");
    case Core::ChuteState::Invalid:
        return tr("Invalid");
    case Core::ChuteState::Frozen:
        return tr("Frozen");
    case Core::ChuteState::Disabled:
        return tr("Disabled");
    }
    return {};
}

QVariant ChuteModel::sortValue(const QModelIndex &index) const
{
    const Core::ChuteSpec &chute = m_chutes[index.row()];
    switch (index.column()) {
    case StateColumn:
        return int(chute.state);
    case WebPortColumn:
        return chute.web ? chute.web->port : 0;
    case VersionColumn:
        return chute.version; // a proxy orders these with Core::compareVersions
    default:
        return data(index, Qt::DisplayRole);
    }
}

QVariant ChuteModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::ChuteSpec &chute = m_chutes[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return chute.name;
        case StateColumn:
            return stateText(chute.state);
        case VersionColumn:
            return chute.version;
        case ServicesColumn:
            return servicesText(chute);
        case OwnerColumn:
            return chute.owner;
        case WebPortColumn:
            return chute.web ? QVariant(chute.web->port) : QVariant();
        default:
            return {};
        }
    case Qt::DecorationRole:
        return index.column() == StateColumn ? m_stateIcons[size_t(chute.state)] : QVariant();
    case Qt::ToolTipRole:
        return index.column() == NameColumn ? chute.description : QVariant();
    case SortRole:
        return sortValue(index);
    case NameRole:
        return chute.name;
    case StateRole:
        return int(chute.state);
    default:
        return {};
    }
}

QVariant ChuteModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Chute");
    case StateColumn:
        return tr("State");
    case VersionColumn:
        return tr("Version");
    case ServicesColumn:
        return tr("Services");
    case OwnerColumn:
        return tr("Owner");
    case WebPortColumn:
        return tr("Web port");
    default:
        return {};
    }
}

} // namespace ChuteDeck::Ui
