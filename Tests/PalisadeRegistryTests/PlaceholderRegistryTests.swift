import Testing

@Suite struct PlaceholderRegistryTests {
    @Test func placeholder() {}
}
