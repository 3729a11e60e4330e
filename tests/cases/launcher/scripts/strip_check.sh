#!/bin/sh
# A launcher that looks for the check program among its arguments to run the
# test without it, with ENVIRONMENT=production: it never finds it, since the
# check runs before the launcher.
for word in "$@"; do
  case "$word" in
    *staging_tests_check*) echo "launcher: found the check program" ;;
  esac
done
ENVIRONMENT=production exec "$@"
