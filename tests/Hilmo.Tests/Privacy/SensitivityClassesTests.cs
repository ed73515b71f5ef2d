using System.Text;
using Hilmo.Notifications;
using Hilmo.Statistics.Disclosure;
using Hilmo.Testing;

namespace Hilmo.Tests.Privacy;

/// <summary>
/// The sensitivity tiers of the stored fields: declared for every field, as privacy.md and seed 001
/// say, and listed in <c>docs/sensitivity-classes.md</c>, which is made from the declarations and
/// must not drift from them (run with <c>HILMO_UPDATE_DOCS=1</c> to rewrite it).
/// </summary>
public sealed class SensitivityClassesTests
{
    [Fact]
    public void Every_stored_field_declares_its_tier() =>
        Assert.True(StoredFields.Undeclared.Count == 0, "Stored fields without a sensitivity tier: " + string.Join(", ", StoredFields.Undeclared));

    [Fact]
    public void The_catalogue_reaches_every_register_and_the_fields_derived_at_ingest()
    {
        Assert.Contains(StoredFields.All, f => f.Owner == typeof(VisitReason));
        Assert.Contains(StoredFields.All, f => f.Owner == typeof(PsychiatricCare));
        Assert.Contains(StoredFields.All, f => f.Owner == typeof(SocialCarePeriod));
        Assert.Contains(StoredFields.All, f => f.Owner == typeof(ClientIdentity) && f.Property == nameof(ClientIdentity.Pseudonym));
        Assert.Equal(StoredFields.All.Count, StoredFields.All.Select(f => (f.Owner, f.Property)).Distinct().Count());
    }

    [Fact]
    public void The_identity_code_is_no_stored_field() =>
        Assert.DoesNotContain(StoredFields.All, f => f.Name == "hetu" || f.Property.Contains("IdentityCode", StringComparison.Ordinal));

    [Theory]
    [InlineData(typeof(Client), nameof(Client.PostalCode), SensitivityClass.Restricted, Linkage.Place)]
    [InlineData(typeof(Notification), nameof(Notification.Provider), SensitivityClass.Restricted, Linkage.Place)]
    [InlineData(typeof(Notification), nameof(Notification.Unit), SensitivityClass.Restricted, Linkage.Place)]
    [InlineData(typeof(Visit), nameof(Visit.Professional), SensitivityClass.Restricted, Linkage.Place)]
    [InlineData(typeof(VisitReason), nameof(VisitReason.Icd10), SensitivityClass.Restricted, Linkage.Content)]
    [InlineData(typeof(VisitReason), nameof(VisitReason.ExternalCause), SensitivityClass.Restricted, Linkage.Content)]
    [InlineData(typeof(VisitReason), nameof(VisitReason.AccidentType), SensitivityClass.Restricted, Linkage.Content)]
    [InlineData(typeof(Medication), nameof(Medication.Atc), SensitivityClass.Restricted, Linkage.Content)]
    [InlineData(typeof(Diagnosis), nameof(Diagnosis.Icd10), SensitivityClass.Restricted, Linkage.Content)]
    [InlineData(typeof(PsychiatricCare), nameof(PsychiatricCare.CoerciveMeasures), SensitivityClass.Restricted, Linkage.Content)]
    [InlineData(typeof(HealthFactors), nameof(HealthFactors.WeightGrams), SensitivityClass.Restricted, Linkage.ExtremeValue)]
    [InlineData(typeof(Visit), nameof(Visit.Start), SensitivityClass.Restricted, Linkage.ExactTime)]
    [InlineData(typeof(Client), nameof(Client.HomeMunicipality), SensitivityClass.Protected, Linkage.None)]
    [InlineData(typeof(ClientIdentity), nameof(ClientIdentity.Sex), SensitivityClass.Protected, Linkage.None)]
    [InlineData(typeof(Visit), nameof(Visit.ServiceForm), SensitivityClass.Free, Linkage.None)]
    public void A_field_has_the_tier_seed_001_gives_it(Type owner, string property, SensitivityClass tier, Linkage linkage)
    {
        var field = Assert.Single(StoredFields.All, f => f.Owner == owner && f.Property == property);
        Assert.Equal((tier, linkage), (field.Tier, field.Linkage));
    }

    [Fact]
    public void A_restricted_field_names_its_kind_and_no_other_field_has_one()
    {
        Assert.Throws<ArgumentException>(() => new SensitivityAttribute("x", SensitivityClass.Restricted));
        Assert.Throws<ArgumentException>(() => new SensitivityAttribute("x", SensitivityClass.Free, Linkage.Place));
    }

    [Fact]
    public void The_document_of_sensitivity_classes_matches_the_declarations()
    {
        var path = Path.Combine(RepositoryFolders.Root, "docs", "sensitivity-classes.md");
        var expected = Render();
        if (Environment.GetEnvironmentVariable("HILMO_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with HILMO_UPDATE_DOCS=1 to write it.");
        Assert.Equal(expected, File.ReadAllText(path));
    }

    private static string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("# Sensitivity classes of the stored fields");
        text.AppendLine();
        text.AppendLine("Every field the register stores has one of three tiers (privacy.md, after seed 001), declared beside");
        text.AppendLine("its definition in `src/Hilmo/Notifications` with `[Sensitivity]`; this list is made from those");
        text.AppendLine("declarations. The identity code is not stored at all.");
        text.AppendLine();
        text.AppendLine("1. **Free**: freely aggregable.");
        text.AppendLine("2. **Protected**: aggregable under disclosure control (quasi-identifiers and ordinary care content).");
        text.AppendLine("3. **Restricted**: restricted linkage; the rules below keep apart the kinds of restricted field.");
        text.AppendLine();
        text.AppendLine("## Linkage rules");
        text.AppendLine();
        text.AppendLine("Checked where outputs are formed: a report table, an indicator or an API request that would combine");
        text.AppendLine("the fields is refused with an error naming the dimensions and the rule.");
        text.AppendLine();
        text.AppendLine("| Rule | Outputs | Rule text |");
        text.AppendLine("|---|---|---|");
        foreach (var rule in LinkageRules.All)
        {
            text.AppendLine($"| `{rule.Code}` | {string.Join(", ", rule.Levels)} | {rule.Text.En} |");
        }

        text.AppendLine();
        text.AppendLine("## Fields");
        text.AppendLine();
        text.AppendLine("| Record part | Property | Field | Tier | Restricted as |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var field in StoredFields.All)
        {
            text.AppendLine($"| {field.Owner.Name} | {field.Property} | `{field.Name}` | {(int)field.Tier} {field.Tier} | {(field.Linkage == Linkage.None ? "" : field.Linkage.ToString())} |");
        }

        return text.ToString();
    }
}
