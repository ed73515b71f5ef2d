using System.Globalization;

namespace Hilmo.Validation;

/// <summary>
/// One entry of the finding catalogue: a stable code, its severity and its message in Finnish,
/// Swedish and English. Messages are composite-format templates; their arguments are never
/// identity codes.
/// </summary>
public sealed record FindingDefinition(string Code, Severity Severity, LocalizedText Message)
{
    /// <summary>True for findings about the whole submission rather than one record.</summary>
    public bool IsSubmissionLevel => Code.StartsWith("SUB-", StringComparison.Ordinal);

    public string Format(string language, IReadOnlyList<string> arguments)
    {
        var template = Message.In(language);
        if (arguments.Count == 0)
        {
            return template;
        }

        var args = new object[arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = arguments[i];
        }

        return string.Format(CultureInfo.InvariantCulture, template, args);
    }
}
