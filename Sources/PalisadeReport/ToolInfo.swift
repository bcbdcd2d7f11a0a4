/// Facts about the tool that reports embed (SARIF `tool.driver`, JSON `tool`).
public enum ToolInfo {
    public static let name = "palisade"
}
