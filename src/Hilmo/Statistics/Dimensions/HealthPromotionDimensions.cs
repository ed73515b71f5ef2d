using Hilmo.Codes;
using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Dimensions;

/// <summary>
/// The dimensions of the vaccination and injury reports, which classify a visit's medication
/// items and reasons rather than the visit: kept apart from <see cref="DimensionCatalogue"/>
/// because no visit report can name them (their facts have no vaccine or external cause).
/// </summary>
public static class HealthPromotionDimensions
{
    /// <summary>The dose numbers shown one by one; higher ones are one class, since few vaccines have more than four doses.</summary>
    private static readonly string[] SingleDoses = ["1", "2", "3", "4"];

    /// <summary>The vaccine as its ATC code (J07…), named from the WHO ATC list where the code is in it.</summary>
    public static ReportDimension Vaccine { get; } = new CodeDimension("vaccine", new("Rokote (ATC)", "Vaccin (ATC)", "Vaccine (ATC)"),
        "atc_id", (context, code) => context.CodeName(KnownClassifications.Atc.Name, code));

    /// <summary>
    /// The dose number (jarjestys) as submitted: 1–4 each, any other number "5+", and "X" when
    /// none was given or it is not a whole number (the field is free text on the wire).
    /// </summary>
    public static ReportDimension DoseNumber { get; } = new ClassDimension("dose_number", new("Annoksen järjestysnumero", "Dosens ordningsnummer", "Dose number"),
        _ => [.. SingleDoses.Select(d => (d, new LocalizedText(d))), ("5+", new LocalizedText("5+")), (ReportDimension.UnknownCode, new LocalizedText("Tuntematon", "Okänd", "Unknown"))],
        (_, _, _) => ([], DoseClass("f.dose_number")));

    /// <summary>
    /// The dose class of a dose-number text: a whole number of up to three digits, leading zeros
    /// ignored ("01" is the first dose), else unknown, as is zero.
    /// </summary>
    private static string DoseClass(string column)
    {
        var number = $"ltrim({column}, '0')";
        return $"CASE WHEN length({column}) BETWEEN 1 AND 3 AND {DigitsOnly(column)} THEN CASE"
            + $" WHEN {number} IN (" + string.Join(", ", SingleDoses.Select(SqlText.Literal)) + $") THEN {number}"
            + $" WHEN {number} = '' THEN '{ReportDimension.UnknownCode}' ELSE '5+' END ELSE '{ReportDimension.UnknownCode}' END";
    }

    /// <summary>True when the text has only the digits 0–9, in SQL both engines read alike (no regular expressions, whose dialects differ).</summary>
    private static string DigitsOnly(string column) =>
        $"translate({column}, '0123456789', '') = ''";
}
