#include "ui/models/routermodel.h"

#include <QSettings>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Ui {

namespace {

const QString kGroup = u"routers"_s;
const QString kSandboxName = u"sandboxName"_s;
const QString kList = u"list"_s;
const QString kUrl = u"url"_s;
const QString kName = u"name"_s;

} // namespace

RouterModel::RouterModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_routers{Router{{}, tr("Sandbox")}}
{}

QString RouterModel::withoutSecrets(const QString &url)
{
    // Only URLs with an authority ("scheme://...") can carry user info; "sandbox:PATH" is a path.
    if (!url.contains(u"://"_s))
        return url;
    QUrl parsed(url);
    if (!parsed.isValid() || parsed.userInfo().isEmpty())
        return url;
    parsed.setUserInfo({});
    return parsed.toString();
}

QString RouterModel::sandboxUrl() const
{
    return m_routers.first().url;
}

void RouterModel::setSandboxUrl(const QString &url)
{
    const QString clean = withoutSecrets(url);
    if (clean == sandboxUrl())
        return;
    // A router the user added under that URL becomes the sandbox.
    const int known = rowOf(clean);
    if (known > 0) {
        beginRemoveRows({}, known, known);
        m_routers.removeAt(known);
        endRemoveRows();
    }
    m_routers.first().url = clean;
    Q_EMIT dataChanged(index(0, 0), index(0, ColumnCount - 1),
                       {Qt::DisplayRole, Qt::ToolTipRole, UrlRole, SortRole});
}

bool RouterModel::addRouter(const QString &url, const QString &name)
{
    const QString clean = withoutSecrets(url.trimmed());
    if (clean.isEmpty() || rowOf(clean) >= 0)
        return false;
    const int row = int(m_routers.size());
    beginInsertRows({}, row, row);
    m_routers.append(Router{clean, name.trimmed().isEmpty() ? clean : name.trimmed()});
    endInsertRows();
    return true;
}

bool RouterModel::removeRouter(const QString &url)
{
    const int row = rowOf(withoutSecrets(url));
    if (row <= 0)
        return false;
    beginRemoveRows({}, row, row);
    m_routers.removeAt(row);
    endRemoveRows();
    return true;
}

bool RouterModel::renameRouter(const QString &url, const QString &name)
{
    const int row = rowOf(withoutSecrets(url));
    const QString trimmed = name.trimmed();
    if (row < 0 || trimmed.isEmpty())
        return false;
    if (m_routers[row].name == trimmed)
        return true;
    m_routers[row].name = trimmed;
    Q_EMIT dataChanged(index(row, NameColumn), index(row, NameColumn),
                       {Qt::DisplayRole, Qt::EditRole, SortRole});
    return true;
}

int RouterModel::rowOf(const QString &url) const
{
    for (int row = 0; row < m_routers.size(); ++row) {
        if (m_routers[row].url == url)
            return row;
    }
    return -1;
}

QString RouterModel::urlAt(int row) const
{
    return row >= 0 && row < m_routers.size() ? m_routers[row].url : QString();
}

void RouterModel::save(QSettings &settings) const
{
    settings.beginGroup(kGroup);
    settings.remove(QString()); // the group's old entries: removed routers must not come back
    settings.setValue(kSandboxName, m_routers.first().name);
    settings.beginWriteArray(kList, int(m_routers.size()) - 1);
    for (int row = 1; row < m_routers.size(); ++row) {
        settings.setArrayIndex(row - 1);
        settings.setValue(kUrl, withoutSecrets(m_routers[row].url));
        settings.setValue(kName, m_routers[row].name);
    }
    settings.endArray();
    settings.endGroup();
}

void RouterModel::load(QSettings &settings)
{
    beginResetModel();
    m_routers.resize(1);
    settings.beginGroup(kGroup);
    const QString sandboxName = settings.value(kSandboxName).toString();
    if (!sandboxName.isEmpty())
        m_routers.first().name = sandboxName;
    const int count = settings.beginReadArray(kList);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        const QString url = withoutSecrets(settings.value(kUrl).toString());
        if (url.isEmpty() || rowOf(url) >= 0)
            continue;
        const QString name = settings.value(kName).toString();
        m_routers.append(Router{url, name.isEmpty() ? url : name});
    }
    settings.endArray();
    settings.endGroup();
    endResetModel();
}

int RouterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_routers.size());
}

int RouterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RouterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Router &router = m_routers[index.row()];
    const bool sandbox = index.row() == 0;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return index.column() == NameColumn ? router.name : router.url;
    case Qt::ToolTipRole:
        return router.url;
    case SortRole:
        return index.column() == NameColumn
                   ? QVariant((sandbox ? u"0"_s : u"1"_s) + router.name.toCaseFolded())
                   : QVariant(router.url);
    case UrlRole:
        return router.url;
    case SandboxRole:
        return sandbox;
    default:
        return {};
    }
}

bool RouterModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || index.column() != NameColumn || role != Qt::EditRole)
        return false;
    return renameRouter(m_routers[index.row()].url, value.toString());
}

Qt::ItemFlags RouterModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags result = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == NameColumn)
        result |= Qt::ItemIsEditable;
    return result;
}

QVariant RouterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Router");
    case UrlColumn:
        return tr("Address");
    default:
        return {};
    }
}

QHash<int, QByteArray> RouterModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, "sortValue");
    names.insert(UrlRole, "url");
    names.insert(SandboxRole, "sandbox");
    return names;
}

} // namespace ChuteDeck::Ui
