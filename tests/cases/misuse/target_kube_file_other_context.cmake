# The kubeconfig exists and names another context than CONTEXT.
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/staging.kubeconfig" "apiVersion: v1\ncurrent-context: engram-dev\n")
staging_tests_configure(KUBERNETES KUBECONFIG "${CMAKE_CURRENT_BINARY_DIR}/staging.kubeconfig"
  CONTEXT engram-staging)
