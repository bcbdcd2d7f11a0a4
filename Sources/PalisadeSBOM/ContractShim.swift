// TEMPORARY: the lead's compile-time stand-in for the language catalogers; deleted at merge.
public enum LanguageCatalogers { public static let all: [any PackageCataloger] = [] }
