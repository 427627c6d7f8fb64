#include "tests/support/treesnapshot.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

namespace ChuteDeck::Tests {

namespace {

QString describe(const QFileInfo &info, qsizetype shownBytes)
{
    struct stat status
    {};
    if (::lstat(QFile::encodeName(info.filePath()).constData(), &status) != 0)
        return QStringLiteral("unreadable");
    const QString mode = QString::number(status.st_mode & 07777, 8);
    if (S_ISLNK(status.st_mode))
        return QStringLiteral("link -> ") + info.symLinkTarget();
    if (S_ISDIR(status.st_mode))
        return QStringLiteral("folder ") + mode;
    QFile file(info.filePath());
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("file ") + mode + QStringLiteral(" unreadable");
    const QByteArray content = file.readAll();
    const QString shown
        = content.size() <= shownBytes
              ? QString::fromUtf8(content)
              : QString::fromLatin1(
                  QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    return QStringLiteral("file ") + mode + u' ' + shown;
}

} // namespace

QMap<QString, QString> snapshotTree(const QString &root, const QStringList &excluded,
                                    qsizetype shownBytes)
{
    QMap<QString, QString> tree;
    const QDir base(root);
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QString path = base.relativeFilePath(it.filePath());
        const bool isExcluded
            = std::any_of(excluded.cbegin(), excluded.cend(), [&](const QString &prefix) {
                  return path == prefix || path.startsWith(prefix + u'/');
              });
        if (!isExcluded)
            tree.insert(path, describe(it.fileInfo(), shownBytes));
    }
    return tree;
}

} // namespace ChuteDeck::Tests
