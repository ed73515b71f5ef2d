using Hilmo.Codes;
using Hilmo.Validation;

namespace Hilmo.Synthetic;

/// <summary>The mistakes a generated record can be made with, one finding each.</summary>
internal enum Defect
{
    MissingIdentityCode,
    MissingUpdateTime,
    MissingProvider,
    MissingVisitStart,
    NoPhase,
    EmptyReason,
    IdentityCodeFormat,
    IdentityCodeCenturySign,
    IdentityCodeDate,
    IdentityCodeIndividualNumber,
    IdentityCodeCheckCharacter,
    TemporaryIdentityCode,
    BornAfterEvent,
    UnknownCode,
    CodeNotValidOnDate,
    HeadingCode,
    CodeShape,
    NotFollowUpCode,
    NotExternalCause,
    TimeOrder,
    TimeInFuture,
    TimeBefore2011,
    ImplausibleValue,
    GumStatus,
    PostalCode,
    ExternalCauseWithoutInjury,
    MixedReason,
    MixedProcedure,
    ToothWithoutOralProcedure,
    MedicationWithoutSubstance,
    BrokenJson,
    WrongType,
    TextTooLong,
    BadTime,
    BadNumber,
    RecordTooLarge,
    NestingTooDeep,
    DuplicateMember,
    NotAnObject,
    IdentityCodeInNote,
    ControlCharacter,
    TooManyItems,
    InvalidUtf8,
    Conflict,
}

/// <summary>
/// Which mistakes are made how often, and the codes they are made with: codes chosen from the
/// loaded lists so that each mistake breaks exactly one rule in the generated period.
/// </summary>
/// <remarks>
/// Weights lean towards what registers see most (a wrong check character, an unknown or expired
/// code, a missing identity code, times in the wrong order) while keeping every kind frequent
/// enough to appear in a test-sized file.
/// </remarks>
internal sealed class DefectCatalogue
{
    private static readonly (Defect Defect, FindingDefinition Finding, double Weight)[] table =
    [
        (Defect.MissingIdentityCode, FindingCatalogue.Required, 1.5),
        (Defect.MissingUpdateTime, FindingCatalogue.Required, 0.5),
        (Defect.MissingProvider, FindingCatalogue.Required, 0.5),
        (Defect.MissingVisitStart, FindingCatalogue.Required, 1),
        (Defect.NoPhase, FindingCatalogue.NoPhase, 1),
        (Defect.EmptyReason, FindingCatalogue.EmptyItem, 1),
        (Defect.IdentityCodeFormat, FindingCatalogue.IdentityCodeFormat, 2),
        (Defect.IdentityCodeCenturySign, FindingCatalogue.IdentityCodeCenturySign, 1),
        (Defect.IdentityCodeDate, FindingCatalogue.IdentityCodeDate, 1),
        (Defect.IdentityCodeIndividualNumber, FindingCatalogue.IdentityCodeIndividualNumber, 0.7),
        (Defect.IdentityCodeCheckCharacter, FindingCatalogue.IdentityCodeCheckCharacter, 3),
        (Defect.TemporaryIdentityCode, FindingCatalogue.IdentityCodeTemporary, 1.5),
        (Defect.BornAfterEvent, FindingCatalogue.IdentityCodeBornAfterEvent, 1),
        (Defect.UnknownCode, FindingCatalogue.UnknownCode, 3),
        (Defect.CodeNotValidOnDate, FindingCatalogue.CodeNotValidOnDate, 3),
        (Defect.HeadingCode, FindingCatalogue.HeadingCode, 1),
        (Defect.CodeShape, FindingCatalogue.CodeShape, 1.5),
        (Defect.NotFollowUpCode, FindingCatalogue.NotFollowUpCode, 1),
        (Defect.NotExternalCause, FindingCatalogue.NotExternalCauseCode, 1),
        (Defect.TimeOrder, FindingCatalogue.TimeOrder, 2),
        (Defect.TimeInFuture, FindingCatalogue.TimeInFuture, 1),
        (Defect.TimeBefore2011, FindingCatalogue.TimeBefore2011, 1),
        (Defect.ImplausibleValue, FindingCatalogue.ImplausibleValue, 1.5),
        (Defect.GumStatus, FindingCatalogue.GumStatusDigits, 0.7),
        (Defect.PostalCode, FindingCatalogue.PostalCodeShape, 1.5),
        (Defect.ExternalCauseWithoutInjury, FindingCatalogue.ExternalCauseWithoutInjury, 1),
        (Defect.MixedReason, FindingCatalogue.MixedReason, 1),
        (Defect.MixedProcedure, FindingCatalogue.MixedProcedure, 0.7),
        (Defect.ToothWithoutOralProcedure, FindingCatalogue.ToothWithoutOralProcedure, 0.7),
        (Defect.MedicationWithoutSubstance, FindingCatalogue.MedicationWithoutSubstance, 1),
        (Defect.BrokenJson, FindingCatalogue.InvalidRecordSyntax, 1.5),
        (Defect.WrongType, FindingCatalogue.WrongType, 1),
        (Defect.TextTooLong, FindingCatalogue.TextTooLong, 1),
        (Defect.BadTime, FindingCatalogue.InvalidDateTime, 1.5),
        (Defect.BadNumber, FindingCatalogue.InvalidNumber, 0.7),
        (Defect.RecordTooLarge, FindingCatalogue.RecordTooLarge, 0.05),
        (Defect.NestingTooDeep, FindingCatalogue.NestingTooDeep, 0.5),
        (Defect.DuplicateMember, FindingCatalogue.DuplicateField, 0.7),
        (Defect.NotAnObject, FindingCatalogue.NotAnObject, 0.5),
        (Defect.IdentityCodeInNote, FindingCatalogue.IdentityCodeOutOfPlace, 0.3),
        (Defect.ControlCharacter, FindingCatalogue.ControlCharacters, 0.7),
        (Defect.TooManyItems, FindingCatalogue.TooManyItems, 0.5),
        (Defect.InvalidUtf8, FindingCatalogue.InvalidRecordEncoding, 0.7),
        (Defect.Conflict, FindingCatalogue.ConflictingVersion, 1),
    ];

    public DefectCatalogue(CodeWindow window, CareCatalogue care, GeneratorOptions options)
    {
        var general = care.Profiles.GetValueOrDefault("T11")
            ?? throw new InvalidOperationException("The generator needs service form T11 in the service form list.");
        Icd10 = Weighted<string>.Of(general.Icd10?.Items.Where(c => c[0] is not ('S' or 'T')).Select(c => (c, 1.0)) ?? []);
        Icpc2 = general.Icpc2;
        Spat = general.Spat;
        ExternalCause = care.Injuries?.Items.Select(i => i.Causes?.Items[0]).FirstOrDefault(c => c is not null);
        Injury = care.Injuries?.Items[0].Injury;
        NotFollowUp = general.Spat?.Items.FirstOrDefault(c => window.Codes[KnownClassifications.Spat].Find(c) is { IsFollowUp: false });

        // Codes that exist but are valid on no day of the period: expired ones, or ones not yet in force.
        ContactTypeOutOfPeriod = OutOfPeriod(window, KnownClassifications.ContactType);
        SpatOutOfPeriod = OutOfPeriod(window, KnownClassifications.Spat);
        UnknownIcd10 = [.. (general.Icd10?.Items ?? [])
            .Where(c => c.Contains('.', StringComparison.Ordinal))
            .Select(c => c.Replace(".", string.Empty, StringComparison.Ordinal))
            .Where(c => window.Codes[KnownClassifications.Icd10].Find(c) is null)];
        var icpc2 = window.Codes[KnownClassifications.Icpc2];
        Heading = icpc2.Codes.FirstOrDefault(icpc2.IsHeading)?.Code;

        Errors = new Weighted<(Defect, FindingDefinition)>(table
            .Where(row => IsAvailable(row.Defect, options))
            .Select(row => ((row.Defect, row.Finding), row.Weight)));
    }

    /// <summary>Every mistake that can be made with the loaded lists and options, by weight.</summary>
    public Weighted<(Defect Defect, FindingDefinition Finding)> Errors { get; }

    /// <summary>ICD-10 diagnoses that are no injuries.</summary>
    public Weighted<string>? Icd10 { get; }

    public Weighted<string>? Icpc2 { get; }

    public Weighted<string>? Spat { get; }

    public string? ExternalCause { get; }

    public string? Injury { get; }

    public string? NotFollowUp { get; }

    public string? ContactTypeOutOfPeriod { get; }

    public string? SpatOutOfPeriod { get; }

    /// <summary>ICD-10 codes written without their dot, which no list has: <c>J069</c> for <c>J06.9</c>.</summary>
    public IReadOnlyList<string> UnknownIcd10 { get; }

    /// <summary>An ICPC-2 chapter, a heading that may not be recorded.</summary>
    public string? Heading { get; }

    /// <summary>The finding code each mistake must produce, for documentation and tests.</summary>
    public static IEnumerable<string> Codes(bool includeOversized) =>
        table.Where(row => includeOversized || row.Defect != Defect.RecordTooLarge).Select(row => row.Finding.Code).Distinct();

    private bool IsAvailable(Defect defect, GeneratorOptions options) => defect switch
    {
        Defect.RecordTooLarge => options.IncludeOversizedRecords,
        Defect.UnknownCode => UnknownIcd10.Count > 0,
        Defect.CodeNotValidOnDate => ContactTypeOutOfPeriod is not null || (SpatOutOfPeriod is not null),
        Defect.HeadingCode => Heading is not null,
        Defect.NotFollowUpCode => NotFollowUp is not null,
        Defect.NotExternalCause => Injury is not null,
        Defect.ExternalCauseWithoutInjury => ExternalCause is not null && Icd10 is not null,
        Defect.MixedReason => Icd10 is not null && Icpc2 is not null,
        Defect.MixedProcedure or Defect.ToothWithoutOralProcedure => Spat is not null,
        Defect.TooManyItems => Icd10 is not null,
        _ => true,
    };

    private static string? OutOfPeriod(CodeWindow window, ClassificationDefinition definition)
    {
        var list = window.Codes[definition];
        return list.Codes.FirstOrDefault(e => !list.IsHeading(e)
            && ((e.ValidTo is { } to && to < window.First) || (e.ValidFrom is { } from && from > window.Last)))?.Code;
    }
}
