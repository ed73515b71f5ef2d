using System.Text.Json;
using Hilmo.Validation;

namespace Hilmo.Formats;

/// <summary>
/// Findings as JSON, the same in feedback files and HTTP answers:
/// <c>{"index", "tunnus", "code", "severity", "path", "line", "column", "message", "messages": {"fi", "sv", "en"}}</c>.
/// Text is escaped by the writer, so nothing a submitter sent can act as markup where feedback is shown.
/// </summary>
public static class FindingJson
{
    public static void Write(Utf8JsonWriter writer, Finding finding, string language = "en")
    {
        writer.WriteStartObject();
        if (finding.Index is { } index)
        {
            writer.WriteNumber("index", index);
        }
        else
        {
            writer.WriteNull("index");
        }

        if (finding.RecordId is { } recordId)
        {
            writer.WriteString("tunnus", recordId);
        }

        writer.WriteString("code", finding.Code);
        writer.WriteString("severity", finding.Severity == Severity.Error ? "error" : "warning");
        if (finding.Path is { } path)
        {
            writer.WriteString("path", path);
        }

        if (finding.Position is { } position)
        {
            writer.WriteNumber("line", position.Line);
            writer.WriteNumber("column", position.Column);
        }

        writer.WriteString("message", finding.Message(language));
        writer.WriteStartObject("messages");
        writer.WriteString("fi", finding.Message("fi"));
        writer.WriteString("sv", finding.Message("sv"));
        writer.WriteString("en", finding.Message("en"));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
