# The container, file and proxy steps on the sandbox runtime: sample chutes through real runs.
chutedeck_add_test(containersteps LIBRARIES ChuteDeck::Steps ChuteDeck::TestSupport TIMEOUT 300)

# The docker runtime's command lines, against a router that answers like the docker CLI (Docker is
# not installed here): creates, rollbacks and deferred image removals.
chutedeck_add_test(dockerruntime LIBRARIES ChuteDeck::Steps ChuteDeck::TestSupport TIMEOUT 120)
