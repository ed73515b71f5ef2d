using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Hilmo.Codes;
using Hilmo.Formats;
using Hilmo.Notifications;

namespace Hilmo.Validation;

/// <summary>
/// The checks every register's validator makes the same way: a code against its classification
/// on a date, a value in its range, a required value, an OID.
/// </summary>
internal static class RecordChecks
{
    /// <summary>
    /// The key and version every record needs, the provider the submitter may send, and for a
    /// record that is not a withdrawal its identity code and unit. False for a withdrawal, whose
    /// content is not checked: it may repeat the very content that was wrong.
    /// </summary>
    internal static bool CheckKey(SubmittedNotification submitted, string? onlyProvider, RecordFindings findings)
    {
        var e = submitted.Notification;
        // An empty or blank key is no key: it would make every such record one record, and the
        // pseudonymiser has no provider to make a key for.
        Require(!string.IsNullOrWhiteSpace(e.RecordId), new At(WireNames.RecordId), findings);
        Require(e.UpdatedAt is not null, new At(WireNames.UpdatedAt), findings);
        Require(!string.IsNullOrWhiteSpace(e.Provider), new At(WireNames.Provider), findings);
        if (onlyProvider is { } allowed && e.Provider is { } provider && !string.Equals(provider, allowed, StringComparison.Ordinal))
        {
            findings.Add(FindingCatalogue.OtherProvider, WireNames.Provider, Finding.Quote(provider), Finding.Quote(allowed));
        }

        if (e.RecordId is { } recordId && !IsOid(recordId))
        {
            findings.Add(FindingCatalogue.NotAnOid, WireNames.RecordId);
        }

        if (e.Withdrawn)
        {
            return false;
        }

        if (submitted.IdentityCode is null)
        {
            Require(false, new At(WireNames.Client, WireNames.IdentityCode), findings);
        }

        if (e.Unit is { } unit && !IsOid(unit))
        {
            findings.Add(FindingCatalogue.NotAnOid, WireNames.Unit);
        }

        return true;
    }

    /// <summary>The client's home municipality on <paramref name="date"/> and the shape of the postal code.</summary>
    internal static void CheckClient(Client? client, Classification municipality, DateOnly date, RecordFindings findings)
    {
        if (client?.HomeMunicipality is { } home)
        {
            Code(municipality, home, date, new At(WireNames.Client, WireNames.HomeMunicipality), findings);
        }

        if (client?.PostalCode is { } postal && !(postal.Length == 5 && postal.All(char.IsAsciiDigit)))
        {
            findings.Add(FindingCatalogue.PostalCodeShape, new At(WireNames.Client, WireNames.PostalCode).Text);
        }
    }

    /// <summary>External causes and accident types come from ICD-10 chapter XX and qualify an injury (chapter XIX).</summary>
    internal static void ExternalCause(Classification icd10, string? code, string? diagnosis, DateOnly date, At path, RecordFindings findings)
    {
        if (code is null)
        {
            return;
        }

        if (!IsInjury(diagnosis))
        {
            findings.Add(FindingCatalogue.ExternalCauseWithoutInjury, path.Text);
        }

        if (Code(icd10, code, date, path, findings) && code[0] is not ('V' or 'W' or 'X' or 'Y'))
        {
            findings.Add(FindingCatalogue.NotExternalCauseCode, path.Text, Finding.Quote(code));
        }
    }

    /// <summary>Chapter XIX of ICD-10, S00–T98, is exactly the codes that begin with S or T.</summary>
    internal static bool IsInjury(string? icd10Code) => icd10Code is ['S' or 'T', ..];

    /// <summary>The <c>laakitys</c> group, the same in AvoHILMO and Terveys-Hilmo.</summary>
    internal static void CheckMedications(
        ImmutableArray<Medication> medications, Classification atc, Classification route, Classification injectionSite, DateOnly date, RecordFindings findings)
    {
        for (var i = 0; i < medications.Length; i++)
        {
            var medication = medications[i];
            if (medication.Atc is null && medication.AtcDescription is null)
            {
                findings.Add(FindingCatalogue.MedicationWithoutSubstance, new At(WireNames.Medications, i).Text);
            }

            Code(atc, medication.Atc, date, new At(WireNames.Medications, i, WireNames.Atc), findings);
            Code(route, medication.Route, date, new At(WireNames.Medications, i, WireNames.Route), findings);
            Code(injectionSite, medication.InjectionSite, date, new At(WireNames.Medications, i, WireNames.InjectionSite), findings);
        }
    }

    /// <summary>
    /// Checks one code; true when it exists (valid or not on the date), so further rules may look at
    /// it. A code that is not plainly valid always leaves a finding: one the register could check
    /// only by its form is reported as provisional (CODE-009) or its list as not loaded (CODE-004).
    /// </summary>
    internal static bool Code(Classification classification, string? code, DateOnly date, At path, RecordFindings findings)
    {
        if (code is null)
        {
            return false;
        }

        var check = classification.Check(code, date);
        switch (check)
        {
            case CodeCheck.Valid:
                return true;
            case CodeCheck.Unknown when classification.Status == ClassificationStatus.Provisional:
                findings.Add(FindingCatalogue.NotInProvisionalList, path.Text, Finding.Quote(code), classification.Name);
                return false;
            case CodeCheck.Unknown:
                findings.Add(FindingCatalogue.UnknownCode, path.Text, Finding.Quote(code), classification.Name);
                return false;
            case CodeCheck.NotYetValid or CodeCheck.Expired:
                findings.Add(FindingCatalogue.CodeNotValidOnDate, path.Text, Finding.Quote(code), classification.Name, Invariant(date));
                return true;
            case CodeCheck.Heading:
                findings.Add(FindingCatalogue.HeadingCode, path.Text, Finding.Quote(code), classification.Name);
                return true;
            case CodeCheck.BadShape:
                findings.Add(FindingCatalogue.CodeShape, path.Text, Finding.Quote(code), classification.Name);
                return false;
            case CodeCheck.Unverified when classification.Definition.NoPublicList:
                var field = path.Text;
                findings.Add(FindingCatalogue.ProvisionalClassification, field, Finding.Quote(code), classification.Name, field);
                return true;
            case CodeCheck.Unverified:
                findings.Add(FindingCatalogue.UnverifiedCodeSystem, path.Text, Finding.Quote(code), classification.Name);
                return true;
            default:
                throw new UnreachableException($"A code check of classification {classification.Name} gave {check}.");
        }
    }

    internal static void Range(int? value, int min, int max, At path, RecordFindings findings)
    {
        if (value is { } v && (v < min || v > max))
        {
            findings.Add(FindingCatalogue.ImplausibleValue, path.Text, Invariant(v), Invariant(min), Invariant(max));
        }
    }

    internal static void Require(bool present, At path, RecordFindings findings)
    {
        // A value the reader could not accept was already reported at the same path.
        if (!present && !findings.HasFindingAt(path.Text))
        {
            findings.Add(FindingCatalogue.Required, path.Text);
        }
    }

    /// <summary>
    /// An OID: arcs of digits separated by dots, the first 0–2, no leading zeros
    /// (<c>1.2.246.10.2345678.10.2026.4711</c>). Checked by hand because every record has two.
    /// </summary>
    internal static bool IsOid(string value)
    {
        if (value.Length < 3 || value[0] is < '0' or > '2' || value[1] != '.')
        {
            return false;
        }

        var arcStart = 2;
        for (var i = 2; i <= value.Length; i++)
        {
            if (i == value.Length || value[i] == '.')
            {
                var length = i - arcStart;
                if (length == 0 || (length > 1 && value[arcStart] == '0'))
                {
                    return false;
                }

                arcStart = i + 1;
            }
            else if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Invariant(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// The path of a field, made into text only when a finding needs it: most records have no
/// finding, and building every path of every record would be most of the validator's work.
/// </summary>
internal readonly record struct At(string Group, int Index = -1, string? Name = null)
{
    public At(string group, string name)
        : this(group, -1, name)
    {
    }

    public string Text => (Index, Name) switch
    {
        (< 0, null) => Group,
        (< 0, _) => $"{Group}.{Name}",
        (_, null) => $"{Group}[{Index}]",
        _ => $"{Group}[{Index}].{Name}",
    };
}
