# KUBECONFIG as a list of files: which one holds the context?
staging_tests_configure(KUBERNETES KUBECONFIG /etc/engram/staging.kubeconfig:/root/.kube/config
  CONTEXT engram-staging)
