# The router primitives and the sandbox router (core/router).
chutedeck_add_test(routerpath LIBRARIES ChuteDeck::Router)
chutedeck_add_test(sandboxrouter LIBRARIES ChuteDeck::Router)
chutedeck_add_test(transaction LIBRARIES ChuteDeck::Router ChuteDeck::TestSupport)
chutedeck_add_test(filechanges LIBRARIES ChuteDeck::Router)
