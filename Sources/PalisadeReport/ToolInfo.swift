/// Facts about the tool that reports embed (SARIF `tool.driver`, JSON `tool`).
public enum ToolInfo {
    public static let name = "palisade"
    /// Project home page for SARIF `tool.driver.informationUri`.
    public static let informationUri = "https://github.com/palisade-security/palisade"
}
