#!/bin/sh
# A launcher that runs the test in a child process with production.
ENVIRONMENT=production "$@"
exit $?
