#include <gtest/gtest.h>

#include "marker.hpp"

TEST(Refused, never_runs_against_production) { touch_marker("Refused.never_runs_against_production"); }
TEST(Refused, runs) { touch_marker("Refused.runs"); }
