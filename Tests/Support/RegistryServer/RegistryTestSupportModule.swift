/// Placeholder: the registry test server lands here (issue 5).
enum RegistryTestSupportModule {}
