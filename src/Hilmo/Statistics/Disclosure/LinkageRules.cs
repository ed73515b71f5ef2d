using Hilmo.Notifications;

namespace Hilmo.Statistics.Disclosure;

/// <summary>Whether an output counts people in cells or lists them one per row.</summary>
public enum OutputLevel
{
    /// <summary>Tables of counts, under disclosure control (reports, indicators, the APIs).</summary>
    Aggregate,

    /// <summary>Person-level files (research extracts).</summary>
    Individual,
}

/// <summary>
/// The restricted-linkage rules of seed 001 (privacy.md): which kinds of restricted field no output
/// may combine. Seed 001 restricts the postal code, provider and unit "at least from the reason for
/// visit and the medication", and the reasons, external causes, accident types and medication "at
/// least from place"; an extreme weight or height, and in person-level data exact dates, single a person out.
/// </summary>
public static class LinkageRules
{
    public static IReadOnlyList<LinkageRule> All { get; } =
    [
        new("content-with-place", Linkage.Content, Linkage.Place, [OutputLevel.Aggregate, OutputLevel.Individual],
            new("Hoitosisältöä (käyntisyy, diagnoosi, ulkoinen syy, tapaturmatyyppi, lääkitys) ei yhdistetä tarkkaan paikkaan (postinumero, palveluntuottaja, palveluyksikkö, ammattihenkilö).",
                "Vårdinnehåll (besöksorsak, diagnos, yttre orsak, olyckstyp, medicinering) kombineras inte med exakt plats (postnummer, tjänsteproducent, serviceenhet, yrkesutövare).",
                "Clinical content (reason for visit, diagnosis, external cause, accident type, medication) is not combined with an exact place (postal code, provider, service unit, professional).")),
        new("extreme-value-individual", Linkage.ExtremeValue, null, [OutputLevel.Individual],
            new("Painoa ja pituutta ei luovuteta henkilötasolla yhdessä muiden rajoitettujen tietojen kanssa.",
                "Vikt och längd lämnas inte ut på individnivå tillsammans med andra begränsade uppgifter.",
                "Weight and height are not released at the individual level together with other restricted fields.")),
        new("exact-time-individual", Linkage.ExactTime, Linkage.Content, [OutputLevel.Individual],
            new("Henkilötason aineistossa hoitosisältöä ei yhdistetä tarkkoihin päivämääriin: päivät karkeistetaan luvan mukaan.",
                "I material på individnivå kombineras vårdinnehåll inte med exakta datum: datumen grovindelas enligt tillståndet.",
                "In person-level data clinical content is not combined with exact dates: dates are coarsened as the permit says.")),
        new("exact-time-with-place-individual", Linkage.ExactTime, Linkage.Place, [OutputLevel.Individual],
            new("Henkilötason aineistossa tarkkaa paikkaa ei yhdistetä tarkkoihin päivämääriin.",
                "I material på individnivå kombineras exakt plats inte med exakta datum.",
                "In person-level data an exact place is not combined with exact dates.")),
    ];

    /// <summary>The first rule the fields together break in an output of <paramref name="level"/>, or null.</summary>
    /// <param name="fields">Each field the output shows, with what names it to the user (a dimension, a column).</param>
    /// <param name="level">Whether the output holds counts or persons.</param>
    public static (LinkageRule Rule, string First, string Second)? Broken(IReadOnlyList<(string Shown, StoredField Field)> fields, OutputLevel level)
    {
        foreach (var rule in All.Where(r => r.Levels.Contains(level)))
        {
            foreach (var first in fields.Where(f => f.Field.Linkage == rule.Kind))
            {
                var second = fields.FirstOrDefault(f => f.Shown != first.Shown && f.Field.Tier == SensitivityClass.Restricted
                    && (rule.With is null ? f.Field.Linkage != rule.Kind : f.Field.Linkage == rule.With));
                if (second.Field is not null)
                {
                    return (rule, first.Shown, second.Shown);
                }
            }
        }

        return null;
    }
}

/// <summary>One rule: no output of <paramref name="Levels"/> shows a field of <paramref name="Kind"/> with one of <paramref name="With"/> (null: with any other restricted field).</summary>
public sealed record LinkageRule(string Code, Linkage Kind, Linkage? With, IReadOnlyList<OutputLevel> Levels, LocalizedText Text);

/// <summary>An output would combine restricted fields that a linkage rule keeps apart; the message names the fields and the rule.</summary>
public sealed class RestrictedLinkageException(LinkageRule rule, string first, string second)
    : ReportRequestException($"'{first}' and '{second}' cannot be combined in one output: {rule.Text.En} (rule {rule.Code}, privacy.md).")
{
    public LinkageRule Rule { get; } = rule;
}
