using System.Text;

namespace Hilmo.Validation;

/// <summary>
/// Something the register has to say about a submission or one of its records.
/// </summary>
/// <param name="Definition">The catalogue entry: code, severity, message.</param>
/// <param name="Index">Zero-based position of the record in the submission; null for the submission as a whole.</param>
/// <param name="RecordId">The record's <c>tunnus</c>, when it could be read.</param>
/// <param name="Path">Path of the field in the record, e.g. <c>kayntisyyt[1].icd10</c>.</param>
/// <param name="Arguments">Values for the message template, already made safe to show.</param>
/// <param name="Position">Where in the submitted text the problem is, for syntax errors.</param>
public readonly record struct Finding(
    FindingDefinition Definition,
    long? Index,
    string? RecordId,
    string? Path,
    IReadOnlyList<string> Arguments,
    TextPosition? Position = null)
{
    public string Code => Definition.Code;

    /// <summary>The provider (<c>tuottaja</c>) the record names, when it could be read: data-quality figures count findings per provider.</summary>
    public string? Provider { get; init; }

    public Severity Severity => Definition.Severity;

    public string Message(string language = "en") => Definition.Format(language, Arguments);

    /// <summary>A finding about one record.</summary>
    public static Finding ForRecord(FindingDefinition definition, long index, string? recordId, string? path, params string[] arguments) =>
        new(definition, index, recordId, path, arguments);

    /// <summary>A finding about the whole submission.</summary>
    public static Finding ForSubmission(FindingDefinition definition, TextPosition? position, params string[] arguments) =>
        new(definition, null, null, null, arguments, position);

    /// <summary>
    /// Makes a submitted value safe to quote in a message: bounded, one line, no control
    /// characters. Markup characters are escaped by every writer that renders findings.
    /// </summary>
    public static string Quote(string? value, int maxLength = 40)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "\"\"";
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength) + 3);
        builder.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            if (builder.Length > maxLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(Rune.IsControl(rune) ? "\uFFFD" : rune.ToString());
        }

        builder.Append('"');
        return builder.ToString();
    }
}

/// <summary>
/// A place in submitted text: one-based line and column (bytes in JSON, characters in XML) and,
/// where the reader knows it, the zero-based byte offset from the start of the submission.
/// </summary>
public readonly record struct TextPosition(long Line, long Column, long? ByteOffset = null)
{
    public override string ToString() => $"line {Line}, column {Column}";
}
