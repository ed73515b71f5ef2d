using Hilmo.Notifications;

namespace Hilmo.Formats;

/// <summary>
/// Maps one <c>&lt;terveyshilmoHoitojakso&gt;</c> or <c>&lt;sosiaalihilmoHoitojakso&gt;</c>, read
/// into <see cref="XmlRecordNodes"/>, to a care period field for field as
/// <see cref="CarePeriodJsonParser"/> does (see <see cref="XmlRecordParser"/> for what XML
/// changes). Repeating groups are repeated <c>diagnoosi</c>, <c>toimenpide</c>, <c>laake</c> and
/// <c>hoitoonTulonSyy</c> elements, optionally wrapped in their plural.
/// </summary>
internal sealed class CarePeriodXmlParser : XmlRecordParser
{
    private readonly ItemReader<Diagnosis> readDiagnosis;
    private readonly ItemReader<PeriodProcedure> readProcedure;
    private readonly ItemReader<string> readReason;
    private Register register = Register.TerveysHilmo;

    public CarePeriodXmlParser(SubmissionLimits limits)
        : base(limits)
    {
        readDiagnosis = ReadDiagnosis;
        readProcedure = ReadProcedure;
        readReason = ReadReason;
    }

    /// <summary>The register of a period record element; null for any other element.</summary>
    public static Register? RegisterOf(string elementName) => elementName switch
    {
        WireNames.XmlHealthCarePeriod => Register.TerveysHilmo,
        WireNames.XmlSocialCarePeriod => Register.Sosiaalihilmo,
        _ => null,
    };

    /// <summary>Reads the period of <paramref name="periodRegister"/> in <paramref name="record"/>.</summary>
    public ParsedRecord Parse(XmlRecordNodes record, long index, Register periodRegister)
    {
        register = periodRegister;
        return Parse(record, index);
    }

    private protected override SubmittedNotification ReadRecord()
    {
        string? recordId = null, provider = null, unit = null, arrivedFrom = null, dischargedTo = null;
        DateTime? updatedAt = null;
        bool? withdrawn = null;
        IdentityCodeText? identityCode = null;
        Client? client = null;
        DateOnly? arrival = null, discharge = null, census = null, queuedOn = null;
        Referral? referral = null;
        string? specialty = null, contactType = null, urgency = null, serviceArea = null, payer = null;
        IntensiveCare? intensiveCare = null;
        PsychiatricCare? psychiatry = null;
        CareCosts? costs = null;
        var diagnoses = new Items<Diagnosis>(WireNames.Diagnoses);
        var procedures = new Items<PeriodProcedure>(WireNames.Procedures);
        var medications = new Items<Medication>(WireNames.Medications);
        var reasons = new Items<string>(WireNames.CareReasons);
        var health = register == Register.TerveysHilmo;
        var seen = new SeenElements();

        EnterElement();
        while (NextChild(null, "object", out var name))
        {
            switch (name)
            {
                case WireNames.Register: if (First(ref seen, 0, null, name)) { ReadRegister(register); } break;
                case WireNames.RecordId: if (First(ref seen, 1, null, name)) { recordId = ReadString(null, name, FieldLimits.RecordId); } break;
                case WireNames.UpdatedAt: if (First(ref seen, 2, null, name)) { updatedAt = ReadTime(null, name); } break;
                case WireNames.Withdrawn: if (First(ref seen, 3, null, name)) { withdrawn = ReadBoolean(null, name); } break;
                case WireNames.Provider: if (First(ref seen, 4, null, name)) { provider = ReadString(null, name, FieldLimits.Provider); } break;
                case WireNames.Unit: if (First(ref seen, 5, null, name)) { unit = ReadString(null, name, FieldLimits.Unit); } break;
                case WireNames.Client: if (First(ref seen, 6, null, name)) { (client, identityCode) = ReadClient(); } break;
                case WireNames.ArrivalDate: if (First(ref seen, 7, null, name)) { arrival = ReadDate(null, name); } break;
                case WireNames.DischargeDate: if (First(ref seen, 8, null, name)) { discharge = ReadDate(null, name); } break;
                case WireNames.CensusDate: if (First(ref seen, 9, null, name)) { census = ReadDate(null, name); } break;
                case WireNames.ArrivedFrom: if (First(ref seen, 10, null, name)) { arrivedFrom = ReadCode(null, name); } break;
                case WireNames.DischargedTo: if (First(ref seen, 11, null, name)) { dischargedTo = ReadCode(null, name); } break;
                case WireNames.Diagnoses: if (First(ref seen, 12, null, name)) { ReadWrapped(ref diagnoses, WireNames.Diagnosis, readDiagnosis); } break;
                case WireNames.Diagnosis: ReadItem(ref diagnoses, readDiagnosis); break;
                case WireNames.Referral when health: if (First(ref seen, 13, null, name)) { referral = ReadReferral(); } break;
                case WireNames.QueuedOn when health: if (First(ref seen, 14, null, name)) { queuedOn = ReadDate(null, name); } break;
                case WireNames.Specialty when health: if (First(ref seen, 15, null, name)) { specialty = ReadCode(null, name); } break;
                case WireNames.ContactType when health: if (First(ref seen, 16, null, name)) { contactType = ReadCode(null, name); } break;
                case WireNames.Urgency when health: if (First(ref seen, 17, null, name)) { urgency = ReadCode(null, name); } break;
                case WireNames.Procedures when health: if (First(ref seen, 18, null, name)) { ReadWrapped(ref procedures, WireNames.Procedure, readProcedure); } break;
                case WireNames.Procedure when health: ReadItem(ref procedures, readProcedure); break;
                case WireNames.Medications when health: if (First(ref seen, 19, null, name)) { ReadWrapped(ref medications, WireNames.Medication, readMedication); } break;
                case WireNames.Medication when health: ReadItem(ref medications, readMedication); break;
                case WireNames.IntensiveCare when health: if (First(ref seen, 20, null, name)) { intensiveCare = ReadIntensiveCare(); } break;
                case WireNames.Psychiatry when health: if (First(ref seen, 21, null, name)) { psychiatry = ReadPsychiatry(); } break;
                case WireNames.ServiceArea when !health: if (First(ref seen, 22, null, name)) { serviceArea = ReadCode(null, name); } break;
                case WireNames.CareReasons when !health: if (First(ref seen, 23, null, name)) { ReadWrapped(ref reasons, WireNames.CareReason, readReason); } break;
                case WireNames.CareReason when !health: ReadItem(ref reasons, readReason); break;
                case WireNames.Payer when !health: if (First(ref seen, 24, null, name)) { payer = ReadCode(null, name); } break;
                case WireNames.Costs when !health: if (First(ref seen, 25, null, name)) { costs = ReadCosts(); } break;
                default: SkipUnknown(null, name); break;
            }
        }

        CarePeriod period = health
            ? new HealthCarePeriod
            {
                Referral = referral, QueuedOn = queuedOn, Specialty = specialty, ContactType = contactType, Urgency = urgency,
                Procedures = Finish(ref procedures), Medications = Finish(ref medications), IntensiveCare = intensiveCare, Psychiatry = psychiatry,
            }
            : new SocialCarePeriod { ServiceArea = serviceArea, Reasons = Finish(ref reasons), Payer = payer, Costs = costs };
        period = period with
        {
            RecordId = recordId, UpdatedAt = updatedAt, Withdrawn = withdrawn ?? false, Provider = provider, Unit = unit, Client = client,
            ArrivalDate = arrival, DischargeDate = discharge, CensusDate = census, ArrivedFrom = arrivedFrom, DischargedTo = dischargedTo,
            Diagnoses = Finish(ref diagnoses),
        };
        return new SubmittedNotification(period, identityCode);
    }

    private Diagnosis? ReadDiagnosis(string path)
    {
        if (!StartGroup(path))
        {
            return null;
        }

        string? icd10 = null, externalCause = null, accidentType = null;
        var seen = new SeenElements();
        while (NextChild(path, "object", out var name))
        {
            switch (name)
            {
                case WireNames.Icd10: if (First(ref seen, 0, path, name)) { icd10 = ReadCode(path, name); } break;
                case WireNames.ExternalCause: if (First(ref seen, 1, path, name)) { externalCause = ReadCode(path, name); } break;
                case WireNames.AccidentType: if (First(ref seen, 2, path, name)) { accidentType = ReadCode(path, name); } break;
                default: SkipUnknown(path, name); break;
            }
        }

        return new Diagnosis { Icd10 = icd10, ExternalCause = externalCause, AccidentType = accidentType };
    }

    private Referral? ReadReferral()
    {
        const string group = WireNames.Referral;
        if (!StartGroup(group))
        {
            return null;
        }

        DateOnly? arrived = null, handled = null;
        var seen = new SeenElements();
        while (NextChild(group, "object", out var name))
        {
            switch (name)
            {
                case WireNames.ReferralArrived: if (First(ref seen, 0, group, name)) { arrived = ReadDate(group, name); } break;
                case WireNames.ReferralHandled: if (First(ref seen, 1, group, name)) { handled = ReadDate(group, name); } break;
                default: SkipUnknown(group, name); break;
            }
        }

        return new Referral { ArrivedOn = arrived, HandledOn = handled };
    }

    private PeriodProcedure? ReadProcedure(string path)
    {
        if (!StartGroup(path))
        {
            return null;
        }

        string? code = null;
        DateTime? start = null, end = null;
        var seen = new SeenElements();
        while (NextChild(path, "object", out var name))
        {
            switch (name)
            {
                case WireNames.ProcedureCode: if (First(ref seen, 0, path, name)) { code = ReadCode(path, name); } break;
                case WireNames.Start: if (First(ref seen, 1, path, name)) { start = ReadTime(path, name); } break;
                case WireNames.End: if (First(ref seen, 2, path, name)) { end = ReadTime(path, name); } break;
                default: SkipUnknown(path, name); break;
            }
        }

        return new PeriodProcedure { Code = code, Start = start, End = end };
    }

    private IntensiveCare? ReadIntensiveCare()
    {
        const string group = WireNames.IntensiveCare;
        if (!StartGroup(group))
        {
            return null;
        }

        DateTime? start = null, end = null;
        var seen = new SeenElements();
        while (NextChild(group, "object", out var name))
        {
            switch (name)
            {
                case WireNames.Start: if (First(ref seen, 0, group, name)) { start = ReadTime(group, name); } break;
                case WireNames.End: if (First(ref seen, 1, group, name)) { end = ReadTime(group, name); } break;
                default: SkipUnknown(group, name); break;
            }
        }

        return new IntensiveCare { Start = start, End = end };
    }

    private PsychiatricCare? ReadPsychiatry()
    {
        const string group = WireNames.Psychiatry;
        if (!StartGroup(group))
        {
            return null;
        }

        string? admission = null;
        int? gasOnArrival = null, gasOnDischarge = null;
        bool? coercion = null;
        var seen = new SeenElements();
        while (NextChild(group, "object", out var name))
        {
            switch (name)
            {
                case WireNames.AdmissionType: if (First(ref seen, 0, group, name)) { admission = ReadCode(group, name); } break;
                case WireNames.GasOnArrival: if (First(ref seen, 1, group, name)) { gasOnArrival = ReadInteger(group, name); } break;
                case WireNames.GasOnDischarge: if (First(ref seen, 2, group, name)) { gasOnDischarge = ReadInteger(group, name); } break;
                case WireNames.CoerciveMeasures: if (First(ref seen, 3, group, name)) { coercion = ReadBoolean(group, name); } break;
                default: SkipUnknown(group, name); break;
            }
        }

        return new PsychiatricCare { AdmissionType = admission, GasOnArrival = gasOnArrival, GasOnDischarge = gasOnDischarge, CoerciveMeasures = coercion };
    }

    /// <summary>A reason for the care: <c>&lt;hoitoonTulonSyy&gt;01&lt;/hoitoonTulonSyy&gt;</c>.</summary>
    private string? ReadReason(string path) => ReadValue(path, FieldLimits.Code);

    private CareCosts? ReadCosts()
    {
        const string group = WireNames.Costs;
        if (!StartGroup(group))
        {
            return null;
        }

        decimal? daily = null, monthly = null;
        var seen = new SeenElements();
        while (NextChild(group, "object", out var name))
        {
            switch (name)
            {
                case WireNames.DailyPrice: if (First(ref seen, 0, group, name)) { daily = ReadDecimal(group, name); } break;
                case WireNames.MonthlyClientFee: if (First(ref seen, 1, group, name)) { monthly = ReadDecimal(group, name); } break;
                default: SkipUnknown(group, name); break;
            }
        }

        return new CareCosts { DailyPrice = daily, MonthlyClientFee = monthly };
    }
}
