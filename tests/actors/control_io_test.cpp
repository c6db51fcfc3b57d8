#include "actors/control_io.hpp"

#include <gtest/gtest.h>

using namespace dbu;

TEST(ControlIo, TellsLoopbackAndLocalEndpointsFromOnesOpenToTheNetwork) {
  for (auto local : {"tcp://127.0.0.1:5555", "tcp://127.1.2.3:1",
                     "tcp://[::1]:5555", "tcp://[::ffff:127.0.0.1]:5555",
                     "tcp://localhost:5555", "ipc:///tmp/x.sock",
                     "inproc://x"})
    EXPECT_FALSE(open_to_network(local)) << local;
  for (auto open : {"tcp://0.0.0.0:5555", "tcp://[::]:5555",
                    "tcp://192.168.1.20:5555", "tcp://10.0.0.1:1",
                    "tcp://[fe80::1]:5555", "tcp://128.0.0.1:5555",
                    "pgm://eth0;239.192.1.1:5555"})
    EXPECT_TRUE(open_to_network(open)) << open;
}
