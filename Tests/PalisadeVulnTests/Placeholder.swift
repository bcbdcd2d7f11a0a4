import Testing

@testable import PalisadeVuln
