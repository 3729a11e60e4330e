#!/bin/sh
# An ordinary launcher: runs the test as it is.
exec "$@"
