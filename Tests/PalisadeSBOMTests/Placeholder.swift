import Testing

@testable import PalisadeSBOM
