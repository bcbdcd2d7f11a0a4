import Testing

@testable import PalisadeSecrets
