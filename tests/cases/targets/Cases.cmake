# Targets beyond the vault: AWS, Google Cloud, Kubernetes, database and
# service URLs and a project's own TARGET, configured in one call. For each
# kind a caller pinned elsewhere is refused before any test, what is forced
# reaches every test, and what is passed through arrives untouched; a
# secret, or a URL's password, is never printed nor written.

include("${CASES_DIR}/common/CanaryScan.cmake")

set(TARGETS_CANARY "tcnry-7f3a91c05e")
set(TARGETS_SECRETS AWS_SECRET_ACCESS_KEY AWS_ACCESS_KEY_ID BILLING_TOKEN)

# Sets the caller's DATABASE_URL, which holds the canary as its password, in
# this process's environment: a step's ENV entries are printed, and the
# canary must not be.
function(_targets_database host)
  if(host STREQUAL "")
    unset(ENV{DATABASE_URL})
  elseif(host STREQUAL "unreadable")
    set(ENV{DATABASE_URL} "postgres://engram:${TARGETS_CANARY}/x@db/engram")
  else()
    set(ENV{DATABASE_URL} "postgres://engram:${TARGETS_CANARY}@${host}:5432/engram")
  endif()
endfunction()

# A step whose caller is refused before any test: ctest exits 8, and stderr
# holds <expected> (whitespace aside).
function(_targets_refused step expected)
  set(TARGETS_EXPECT "${expected}")
  case_ctest(refused-${step} ARGS --output-on-failure ${ARGN} EXPECT kinds-refused)
endfunction()

function(case_kinds)
  canary_export("${TARGETS_CANARY}" ${TARGETS_SECRETS})
  _targets_database(db.staging.example.com)
  case_configure(configure)
  case_build(build)
  set(kubeconfig "${BUILD}/kube/staging.kubeconfig")
  case_ctest(staging ARGS --output-on-failure -V -LE "^flips$" EXPECT kinds-staging)
  case_ctest(flips ARGS --output-on-failure -L "^flips$" EXPECT kinds-flips)
  # A setting (the region) is overridden, not refused.
  case_ctest(region ARGS --output-on-failure -LE "^flips$"
    ENV AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 EXPECT kinds-accepted)

  # Each kind's caller pinned elsewhere.
  set(lead "StagingTests: session refused:")
  _targets_refused(aws-profile "${lead} AWS_PROFILE is 'engram-sandbox', required 'engram-staging'
Rule: a staging run uses the staging AWS account only: AWS_PROFILE='engram-staging',"
    ENV AWS_PROFILE=engram-sandbox)
  _targets_refused(aws-account "${lead} AWS_ACCOUNT_ID is '210987654321', required '123456789012'"
    ENV AWS_ACCOUNT_ID=210987654321)
  _targets_refused(gcp-project "${lead} GOOGLE_CLOUD_PROJECT is 'engram-other', required 'engram-staging'"
    ENV GOOGLE_CLOUD_PROJECT=engram-other)
  _targets_refused(gcp-credentials "${lead} GOOGLE_APPLICATION_CREDENTIALS is '/keys/prod/engram.json': it contains the refused word 'prod'"
    ENV GOOGLE_APPLICATION_CREDENTIALS=/keys/prod/engram.json)
  _targets_refused(kubeconfig "${lead} KUBECONFIG is '/root/.kube/config', required '${kubeconfig}'"
    ENV KUBECONFIG=/root/.kube/config)
  _targets_refused(search-url "${lead} SEARCH_URL is 'https://search.uat.example.com/v1', required 'https://search.staging.example.com/v1'"
    ENV SEARCH_URL=https://search.uat.example.com/v1)
  _targets_refused(billing "${lead} BILLING_ACCOUNT is 'billing-live', required 'billing-staging'"
    ENV BILLING_ACCOUNT=billing-live)
  _targets_database(db.prod.example.com)
  _targets_refused(database "${lead} DATABASE_URL is 'postgres://engram:***@db.prod.example.com:5432/engram': it contains the refused word 'prod' (its host or query names another environment than staging)")
  _targets_database(unreadable)
  _targets_refused(database-unreadable "${lead} DATABASE_URL is set but is not a URL")
  _targets_database(db.staging.example.com)

  # The credentials file the caller names: its project must be staging's.
  file(WRITE "${WORK}/keys/key.json" "{\n  \"type\": \"service_account\",\n  \"project_id\": \"engram-production\",\n  \"private_key\": \"${TARGETS_CANARY}\"\n}\n")
  _targets_refused(credentials-file "${lead} GOOGLE_APPLICATION_CREDENTIALS names a file whose project_id is 'engram-production': it contains the refused word 'production'"
    ENV "GOOGLE_APPLICATION_CREDENTIALS=${WORK}/keys/key.json")
  file(WRITE "${WORK}/keys/key.json" "{ \"project_id\": \"engram-staging\" }\n")
  case_ctest(credentials-file ARGS --output-on-failure -LE "^flips$"
    ENV "GOOGLE_APPLICATION_CREDENTIALS=${WORK}/keys/key.json" EXPECT kinds-accepted)

  # The kubeconfig switched to another context after the configure, or gone:
  # the run is refused when ctest loads the suite.
  file(WRITE "${kubeconfig}" "apiVersion: v1\ncurrent-context: engram-prod\n")
  _targets_refused(context "${lead} KUBECONFIG names a file whose current-context is 'engram-prod', required 'engram-staging'
Fix: point KUBECONFIG at the staging environment's file (its current-context must be 'engram-staging').")
  # A staging line first does not hide a production one after it: kubectl
  # takes the last.
  file(WRITE "${kubeconfig}" "current-context: engram-staging\ncurrent-context: engram-prod\n")
  _targets_refused(context-twice "${lead} KUBECONFIG names a file whose current-context is 'engram-prod', required 'engram-staging'")
  file(REMOVE "${kubeconfig}")
  _targets_refused(no-kubeconfig "${lead} KUBECONFIG names the file '${kubeconfig}', which cannot be read")
  file(WRITE "${kubeconfig}" "current-context: engram-staging\n")
  case_ctest(kubeconfig-back ARGS --output-on-failure -LE "^flips$" EXPECT kinds-accepted)

  canary_unexport()
  _targets_database("")
  # Nothing the canary was in left a trace in the build tree.
  case_command(scan COMMAND "${CMAKE_COMMAND}" -E true EXPECT kinds-scan)
endfunction()

# ON_MISMATCH FORCE: callers pinned to another target are overridden; what
# is passed through is judged all the same.
function(case_kinds_force)
  set(CASE kinds)
  canary_watch("${TARGETS_CANARY}")
  case_configure(configure ARGS -DCASE_VARIANT=force)
  case_build(build)
  case_ctest(overridden ARGS --output-on-failure -LE "^(flips|passed)$"
    ENV AWS_PROFILE=engram-sandbox KUBECONFIG=/root/.kube/config BILLING_ACCOUNT=billing-live
    EXPECT kinds-accepted)
  _targets_database(db.prod.example.com)
  _targets_refused(force-database "StagingTests: session refused: DATABASE_URL is 'postgres://engram:***@db.prod.example.com:5432/engram'")
  _targets_database("")
endfunction()
