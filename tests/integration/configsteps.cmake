# The network, wireless, firewall, DHCP and host configuration steps, run by the executor on a
# sandbox router.
chutedeck_add_test(configsteps LIBRARIES ChuteDeck::Steps ChuteDeck::TestSupport TIMEOUT 120)
