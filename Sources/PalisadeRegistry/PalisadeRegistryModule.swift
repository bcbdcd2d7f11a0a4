/// Placeholder: the registry client lands here (issue 5).
enum PalisadeRegistryModule {}
