import Testing

@testable import PalisadeImage
