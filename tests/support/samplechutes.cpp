#include "tests/support/samplechutes.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace ChuteDeck::Tests {

using namespace Qt::StringLiterals;

QString sampleChuteFolder(const QString &name)
{
    return QStringLiteral(CHUTEDECK_SAMPLE_CHUTES) + u'/' + name;
}

QString sampleWithVersion(const QString &samplesFolder, const QString &sample,
                          const QString &version, const QString &into)
{
    const QString target = into + u'/' + sample + u'-' + version;
    QDir().mkpath(target);
    const QString source = samplesFolder + u'/' + sample;
    QDirIterator files(source, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString file = files.next();
        const QString copy = target + u'/' + QDir(source).relativeFilePath(file);
        QDir().mkpath(QFileInfo(copy).absolutePath());
        QFile::copy(file, copy);
        QFile::setPermissions(copy, QFile::permissions(file) | QFile::WriteOwner);
    }
    QFile yaml(target + u"/paradrop.yaml"_s);
    yaml.open(QIODevice::ReadWrite);
    QString text = QString::fromUtf8(yaml.readAll());
    text.replace(QRegularExpression(u"^version: .*$"_s, QRegularExpression::MultilineOption),
                 u"version: "_s + version);
    yaml.resize(0);
    yaml.write(text.toUtf8());
    return target;
}

} // namespace ChuteDeck::Tests
