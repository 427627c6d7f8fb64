#include "core/chute/chutespec.h"
#include "core/chute/chutestore.h"

#include <QDir>
#include <QFile>

#include <benchmark/benchmark.h>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace {

QByteArray sampleText(const QString &chute)
{
    QFile file(QDir(QStringLiteral(CHUTEDECK_SAMPLE_CHUTES)).filePath(chute + u"/paradrop.yaml"_s));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the %s sample chute", qPrintable(chute));
    return file.readAll();
}

ChuteSpec sampleChute(const QString &chute)
{
    Result<ChuteSpec> parsed = parseChute(sampleText(chute), u"paradrop.yaml"_s);
    if (!parsed.ok())
        qFatal("%s", qPrintable(parsed.error().message));
    return std::move(parsed).value();
}

// A typical paradrop.yaml (the wifi-hotspot sample: one service, an access point, DHCP, a port
// binding): every plan preview parses the chute it installs.
void parseTypicalChute(benchmark::State &state)
{
    const QByteArray text = sampleText(u"wifi-hotspot"_s);
    for (auto _ : state) {
        Result<ChuteSpec> chute = parseChute(text, u"paradrop.yaml"_s);
        benchmark::DoNotOptimize(chute);
    }
    state.SetBytesProcessed(qint64(state.iterations()) * text.size());
}

void chuteToJsonText(benchmark::State &state)
{
    const ChuteSpec chute = sampleChute(u"wifi-hotspot"_s);
    for (auto _ : state)
        benchmark::DoNotOptimize(chuteToJson(chute));
}

// Reading a router's chute store, which every plan for a chute change starts with.
void chuteStoreRead(benchmark::State &state)
{
    QList<ChuteSpec> chutes;
    for (int i = 0; i < int(state.range(0)); ++i) {
        ChuteSpec chute = sampleChute(i % 2 ? u"two-services"_s : u"wifi-hotspot"_s);
        chute.name += QString::number(i);
        chute.services.first().portBindings.clear();
        chutes.append(chute);
    }
    const QByteArray store = chuteStoreToYaml(chutes);
    for (auto _ : state) {
        Result<QList<ChuteSpec>> parsed = parseChuteStore(store, u"chutes.yaml"_s);
        benchmark::DoNotOptimize(parsed);
    }
}

} // namespace

BENCHMARK(parseTypicalChute)->Unit(benchmark::kMicrosecond);
BENCHMARK(chuteToJsonText)->Unit(benchmark::kMicrosecond);
BENCHMARK(chuteStoreRead)->Arg(20)->Unit(benchmark::kMillisecond);
