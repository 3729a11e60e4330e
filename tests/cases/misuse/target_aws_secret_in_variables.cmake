# A credential given a value: it would be written into the build tree.
staging_tests_configure(AWS PROFILE engram-staging REGION eu-west-1
  VARIABLES AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY)
