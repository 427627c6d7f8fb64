# The UCI reader and writer (core/steps/uci.h).
chutedeck_add_test(uci LIBRARIES ChuteDeck::Steps ChuteDeck::Router)
