#!/bin/sh
# A launcher that points the test at production.
ENVIRONMENT=production exec "$@"
