# Run as a staging test: replaces this run's record, which the check program
# already wrote this test's line to, with what CASE_PLANT names.
log="$STAGING_TESTS_RUN_DIR/tests.log"
test -f "$log" || { echo "run_record_plant.sh: no record at $log"; exit 1; }
case "$CASE_PLANT" in
  fifo) rm -f "$log" && mkfifo "$log" ;;
  directory) rm -f "$log" && mkdir "$log" ;;
  link) mv "$log" "$log.moved" && ln -s "$log.moved" "$log" ;;
  dangling) rm -f "$log" && ln -s /nonexistent/tests.log "$log" ;;
  "") ;;
  *) echo "run_record_plant.sh: unknown CASE_PLANT=$CASE_PLANT"; exit 2 ;;
esac
