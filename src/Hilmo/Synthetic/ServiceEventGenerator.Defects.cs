using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hilmo.Formats;
using Hilmo.Notifications;
using Hilmo.Validation;

namespace Hilmo.Synthetic;

public sealed partial class ServiceEventGenerator
{
    private sealed partial class Run
    {
        private ArrayBufferWriter<byte>? renderBuffer;
        private Utf8JsonWriter? renderWriter;

        /// <summary>
        /// A record with one mistake. Each starts as a valid record with a visit and changes one
        /// thing, chosen so that no other rule breaks: a code invalid on the date keeps the times
        /// in order, a missing visit start leaves no other date for the codes to be checked on.
        /// </summary>
        private GeneratedRecord Invalid(long index, DateTime clock)
        {
            var (defect, finding) = generator.defects.Errors.Next(random);
            while (defect == Defect.Conflict)
            {
                if (Recent(r => !r.Withdrawn) is { } original)
                {
                    return Conflict(original);
                }

                (defect, finding) = generator.defects.Errors.Next(random);
            }

            var draft = Draft(index, clock, defect == Defect.MissingVisitStart ? DraftNeeds.VisitWithoutBooking : DraftNeeds.Visit);
            var s = draft.Submitted;
            var e = (ServiceEvent)s.Notification;
            var visit = e.Visit!;
            var start = visit.Start!.Value;
            var defects = generator.defects;
            return defect switch
            {
                Defect.MissingIdentityCode => Invalid(s with { IdentityCode = null }, finding),
                Defect.MissingUpdateTime => Invalid(e with { UpdatedAt = null }, s, finding),
                Defect.MissingProvider => Invalid(e with { Provider = null }, s, finding),

                // The update time then is the record's date, so it stays on the visit's day.
                Defect.MissingVisitStart => Invalid(e with { Visit = visit with { Start = null }, UpdatedAt = start }, s, finding),
                Defect.NoPhase => Invalid(
                    e with
                    {
                        Visit = null, Appointment = null, Assessment = null, Contact = null, Reasons = [], Procedures = [], Medications = [],
                        HealthFactors = null, FollowUpCare = [], UpdatedAt = Min(e.UpdatedAt!.Value, generator.periodEnd.AddMinutes(-1)),
                    },
                    s,
                    finding),
                Defect.EmptyReason => Invalid(e with { Reasons = e.Reasons.Add(new VisitReason()) }, s, finding),
                Defect.IdentityCodeFormat => WithCode(s, generator.identityCodes.Defective(IdentityCodeDefect.Format, random), finding),
                Defect.IdentityCodeCenturySign => WithCode(s, generator.identityCodes.Defective(IdentityCodeDefect.CenturySign, random), finding),
                Defect.IdentityCodeDate => WithCode(s, generator.identityCodes.Defective(IdentityCodeDefect.Date, random), finding),
                Defect.IdentityCodeIndividualNumber => WithCode(s, generator.identityCodes.Defective(IdentityCodeDefect.IndividualNumber, random), finding),
                Defect.IdentityCodeCheckCharacter => WithCode(s, generator.identityCodes.Defective(IdentityCodeDefect.CheckCharacter, random), finding),
                Defect.TemporaryIdentityCode => WithCode(s, generator.identityCodes.Temporary(draft.Context.Person.BirthDate, random), finding),

                // A newborn's code entered on the mother's visit, days before the birth.
                Defect.BornAfterEvent => WithCode(
                    s, generator.identityCodes.Permanent(e.ReferenceDate!.Value.AddDays(1 + random.Next(90)), draft.Context.Person.Sex, random), finding),
                Defect.UnknownCode => Invalid(
                    e with { Reasons = [new VisitReason { Icd10 = defects.UnknownIcd10[random.Next(defects.UnknownIcd10.Count)] }] }, s, finding),
                Defect.CodeNotValidOnDate => Invalid(
                    defects.ContactTypeOutOfPeriod is { } contactType
                        ? e with { Visit = visit with { ContactType = contactType } }
                        : e with { Procedures = [new Procedure { Spat = defects.SpatOutOfPeriod }] },
                    s,
                    finding),
                Defect.HeadingCode => Invalid(e with { Reasons = [new VisitReason { Icpc2 = defects.Heading }] }, s, finding),
                Defect.CodeShape => Invalid(e with { Client = e.Client! with { HomeMunicipality = Misshapen(e.Client.HomeMunicipality!) } }, s, finding),
                Defect.NotFollowUpCode => Invalid(e with { FollowUpCare = [defects.NotFollowUp!] }, s, finding),

                // The injury written again where its cause belongs.
                Defect.NotExternalCause => Invalid(
                    e with { Reasons = [new VisitReason { Icd10 = defects.Injury, ExternalCause = defects.Injury }] }, s, finding),
                Defect.TimeOrder => Invalid(e with { Visit = visit with { End = start.AddMinutes(-5 - random.Next(26)) } }, s, finding),
                Defect.TimeInFuture => Invalid(e with { UpdatedAt = InFuture(e.UpdatedAt!.Value) }, s, finding),
                Defect.TimeBefore2011 => Invalid(e with { Appointment = BookedLongAgo(e.Appointment, start) }, s, finding),
                Defect.ImplausibleValue => Invalid(e with { HealthFactors = InWrongUnit(draft.Context.Person, start) }, s, finding),
                Defect.GumStatus => Invalid(
                    e with { HealthFactors = (e.HealthFactors ?? new HealthFactors()) with { GumStatus = random.Next(2) == 0 ? "0125" : "1-2-0" } }, s, finding),
                Defect.PostalCode => Invalid(e with { Client = e.Client! with { PostalCode = Misshapen5(e.Client.PostalCode!) } }, s, finding),
                Defect.ExternalCauseWithoutInjury => Invalid(
                    e with { Reasons = [new VisitReason { Icd10 = defects.Icd10!.Next(random), ExternalCause = defects.ExternalCause }] }, s, finding),
                Defect.MixedReason => Invalid(
                    e with { Reasons = [new VisitReason { Icd10 = defects.Icd10!.Next(random), Icpc2 = defects.Icpc2!.Next(random) }] }, s, finding),
                Defect.MixedProcedure => Invalid(
                    e with { Procedures = [new Procedure { Spat = defects.Spat!.Next(random), OralProcedure = care.OralWithoutTooth.Next(random) }] }, s, finding),
                Defect.ToothWithoutOralProcedure => Invalid(
                    e with { Procedures = [new Procedure { Spat = defects.Spat!.Next(random), Tooth = Tooth(30) }] }, s, finding),
                Defect.MedicationWithoutSubstance => Invalid(
                    e with { Medications = [new Medication { TradeName = "Burana", PackageNumber = PackageNumber(), PrescribedAt = start }] }, s, finding),
                Defect.TooManyItems => Line(
                    Render(s with { Notification = e with { Reasons = TooManyReasons() } }), finding),
                Defect.BadNumber => BadNumber(s, draft.Context.Person, start, finding),
                _ => Line(WireDefect(defect, s), finding),
            };
        }

        private GeneratedRecord Conflict(TrackedRecord original)
        {
            // An address corrected in the source system without a new update time.
            var e = (ServiceEvent)original.Latest.Notification;
            var changed = e with { Client = e.Client! with { PostalCode = OtherPostalCode(e.Client.PostalCode!) } };
            return GeneratedRecord.Record(GeneratedRecordKind.Conflict, original.Latest with { Notification = changed }, FindingCatalogue.ConflictingVersion.Code);
        }

        /// <summary>A valid record made to carry one warning: an unknown member, a unit id that is no OID, a code outside a provisional list, or a withdrawal of a record never sent.</summary>
        private GeneratedRecord WithWarning(long index, DateTime clock)
        {
            var kind = random.Next(4);
            if (kind == 3)
            {
                var provider = generator.officeProviders.Next(random);
                var withdrawal = new ServiceEvent
                {
                    RecordId = NewRecordId(provider),
                    UpdatedAt = ReportTime(clock),
                    Withdrawn = true,
                    Provider = provider.Code,
                };
                return GeneratedRecord.Record(GeneratedRecordKind.WithdrawalOfUnknownRecord, new SubmittedNotification(withdrawal, null),
                    expectedWarning: FindingCatalogue.WithdrawalOfUnknownRecord.Code);
            }

            var draft = Draft(index, clock, DraftNeeds.Visit);
            var s = draft.Submitted;
            var e = (ServiceEvent)s.Notification;
            switch (kind)
            {
                case 0:
                    // A member the specification does not have: sex, which the register derives itself.
                    var json = Encoding.UTF8.GetString(Render(s));
                    var line = Insert(json, "\"asiakas\":{", string.Create(CultureInfo.InvariantCulture, $"\"sukupuoli\":\"{(int)draft.Context.Person.Sex}\","));
                    return GeneratedRecord.Line(GeneratedRecordKind.Original, Encoding.UTF8.GetBytes(line), null, FindingCatalogue.UnknownField.Code);
                case 1:
                    // The unit's local code where its OID belongs.
                    var unit = string.Create(CultureInfo.InvariantCulture, $"TK{draft.Context.Provider.Code}-{random.Next(1, 100)}");
                    return GeneratedRecord.Record(GeneratedRecordKind.Original, s with { Notification = e with { Unit = unit } },
                        expectedWarning: FindingCatalogue.NotAnOid.Code);
                default:
                    // "V", immediate, from the old Hilmo urgency list, which AvoHILMO's provisional list lacks.
                    return GeneratedRecord.Record(GeneratedRecordKind.Original, s with { Notification = e with { Visit = e.Visit! with { Urgency = "V" } } },
                        expectedWarning: FindingCatalogue.NotInProvisionalList.Code);
            }
        }

        private static GeneratedRecord Invalid(SubmittedNotification submitted, FindingDefinition finding) =>
            GeneratedRecord.Record(GeneratedRecordKind.Invalid, submitted, finding.Code);

        private static GeneratedRecord Invalid(ServiceEvent changed, SubmittedNotification submitted, FindingDefinition finding) =>
            GeneratedRecord.Record(GeneratedRecordKind.Invalid, submitted with { Notification = changed }, finding.Code);

        private static GeneratedRecord WithCode(SubmittedNotification submitted, string identityCode, FindingDefinition finding) =>
            GeneratedRecord.Record(GeneratedRecordKind.Invalid, submitted with { IdentityCode = new IdentityCodeText(identityCode) }, finding.Code);

        private static GeneratedRecord Line(byte[] line, FindingDefinition finding) =>
            GeneratedRecord.Line(GeneratedRecordKind.Invalid, line, finding.Code);

        /// <summary>A municipality code that lost its leading zero, or gained a digit.</summary>
        private static string Misshapen(string municipality) =>
            municipality[0] == '0' ? municipality.TrimStart('0') : municipality + "0";

        /// <summary>A postal code that lost its leading zero, or carries a country prefix.</summary>
        private static string Misshapen5(string postalCode) =>
            postalCode[0] == '0' ? postalCode[1..] : "FI-" + postalCode;

        private static string OtherPostalCode(string postalCode) =>
            string.Concat(postalCode.AsSpan(0, 4), ((char)('0' + ((postalCode[4] - '0' + 1) % 10))).ToString());

        /// <summary>A year typed wrong: three or more years ahead, beyond any clock skew.</summary>
        private DateTime InFuture(DateTime time)
        {
            var year = Math.Max(generator.Year, generator.latestUpdate.Year) + 3 + random.Next(3);
            return new DateTime(year, time.Month, Math.Min(time.Day, 28), time.Hour, time.Minute, 0, DateTimeKind.Unspecified);
        }

        /// <summary>A booked time with a year before the register began (a typo the register must catch).</summary>
        private Appointment BookedLongAgo(Appointment? appointment, DateTime visitStart)
        {
            var booked = appointment?.BookedAt ?? Max(Earliest, visitStart.AddDays(-1 - random.Next(14)));
            var scheduled = appointment?.ScheduledFor ?? visitStart;
            var year = 2001 + random.Next(10);
            var wrong = new DateTime(year, scheduled.Month, Math.Min(scheduled.Day, DateTime.DaysInMonth(year, scheduled.Month)), scheduled.Hour, scheduled.Minute, 0, DateTimeKind.Unspecified);
            return new Appointment { BookedAt = booked, ScheduledFor = wrong };
        }

        /// <summary>Weight in kilograms or height in centimetres where grams and millimetres belong.</summary>
        private HealthFactors InWrongUnit(SyntheticPerson person, DateTime visitStart)
        {
            var (weight, height) = Growth(person.Sex, person.AgeOn(DateOnly.FromDateTime(visitStart)));

            // Two metres in centimetres would pass as millimetres, so the tallest get their weight wrong instead.
            return random.Next(2) == 0 && height < 2000
                ? new HealthFactors { HeightMillimetres = height / 10 }
                : new HealthFactors { WeightGrams = weight / 1000 };
        }

        private ImmutableArray<VisitReason> TooManyReasons()
        {
            var limit = SubmissionLimits.Default.MaxItemsPerGroup;
            var reasons = ImmutableArray.CreateBuilder<VisitReason>(limit + 1);
            while (reasons.Count <= limit)
            {
                reasons.Add(new VisitReason { Icd10 = generator.defects.Icd10!.Next(random) });
            }

            return reasons.MoveToImmutable();
        }

        /// <summary>Weight in kilograms with decimals, which is no integer.</summary>
        private GeneratedRecord BadNumber(SubmittedNotification s, SyntheticPerson person, DateTime visitStart, FindingDefinition finding)
        {
            var (grams, _) = Growth(person.Sex, person.AgeOn(DateOnly.FromDateTime(visitStart)));
            var json = Encoding.UTF8.GetString(Render(s with { Notification = ((ServiceEvent)s.Notification) with { HealthFactors = new HealthFactors { WeightGrams = grams } } }));
            var kilograms = string.Create(CultureInfo.InvariantCulture, $"{grams / 1000}.{1 + random.Next(9)}");
            return Line(Encoding.UTF8.GetBytes(Replace(json, Member(WireNames.Weight, grams), "\"paino\":" + kilograms)), finding);
        }

        /// <summary>A mistake in the wire format itself, which only the bytes of the line can carry.</summary>
        private byte[] WireDefect(Defect defect, SubmittedNotification s)
        {
            var bytes = Render(s);
            var json = Encoding.UTF8.GetString(bytes);
            var e = (ServiceEvent)s.Notification;
            var postal = Member(WireNames.PostalCode, e.Client!.PostalCode!);
            switch (defect)
            {
                case Defect.BrokenJson:
                    // Cut in transfer; never inside a multi-byte character.
                    var cut = (bytes.Length / 2) + random.Next(bytes.Length / 2 - 1);
                    while ((bytes[cut] & 0xC0) == 0x80)
                    {
                        cut--;
                    }

                    return bytes[..cut];
                case Defect.WrongType:
                    return Encoding.UTF8.GetBytes(random.Next(2) == 0
                        ? Replace(json, Member(WireNames.HomeMunicipality, e.Client.HomeMunicipality!),
                            "\"kotikunta\":" + int.Parse(e.Client.HomeMunicipality!, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture))
                        : Insert(json, "{", "\"poisto\":\"false\","));
                case Defect.TextTooLong:
                    var town = generator.municipalityNames[e.Client.HomeMunicipality!].ToUpperInvariant();
                    var address = string.Create(CultureInfo.InvariantCulture, $"PL {1000 + random.Next(9000)}, {e.Client.PostalCode} {town}");
                    return Encoding.UTF8.GetBytes(Replace(json, postal, Member(WireNames.PostalCode, address)));
                case Defect.BadTime:
                    var updated = LocalDateTimeText.Format(e.UpdatedAt!.Value);
                    var wrong = random.Next(3) switch
                    {
                        0 => updated + "+02:00",
                        1 => e.UpdatedAt.Value.ToString("d.M.yyyy H.mm", CultureInfo.InvariantCulture),
                        _ => e.UpdatedAt.Value.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture),
                    };
                    return Encoding.UTF8.GetBytes(Replace(json, Member(WireNames.UpdatedAt, updated), Member(WireNames.UpdatedAt, wrong)));
                case Defect.RecordTooLarge:
                    var padding = new string('x', SubmissionLimits.Default.MaxRecordBytes + 1024);
                    return Encoding.UTF8.GetBytes(Insert(json, "{", "\"huomautus\":\"" + padding + "\","));
                case Defect.NestingTooDeep:
                    var depth = SubmissionLimits.Default.MaxDepth + 4;
                    return Encoding.UTF8.GetBytes(Insert(json, "{", "\"lisatiedot\":" + new string('[', depth) + new string(']', depth) + ","));
                case Defect.DuplicateMember:
                    return Encoding.UTF8.GetBytes(Insert(json, "{", Member(WireNames.Provider, e.Provider!) + ","));
                case Defect.NotAnObject:
                    return Encoding.UTF8.GetBytes("[" + json + "]");
                case Defect.IdentityCodeInNote:
                    // The client's identity code written into a free-text field the record format does not have.
                    return Encoding.UTF8.GetBytes(Insert(json, "{", "\"lisatiedot\":\"asiakas " + s.IdentityCode!.Value.Reveal() + "\","));
                case Defect.ControlCharacter:
                    return Encoding.UTF8.GetBytes(Replace(json, postal, "\"postinumero\":\"" + e.Client.PostalCode + "\\t\""));
                case Defect.InvalidUtf8:
                    // A Latin-1 "Ähtäri" where UTF-8 belongs.
                    var at = json.IndexOf(postal, StringComparison.Ordinal);
                    var head = Encoding.UTF8.GetBytes(json[..at] + "\"postinumero\":\"" + e.Client.PostalCode + " ");
                    var tail = Encoding.UTF8.GetBytes("\"" + json[(at + postal.Length)..]);
                    return [.. head, 0xC4, (byte)'h', (byte)'t', 0xE4, (byte)'r', (byte)'i', .. tail];
                default:
                    throw new InvalidOperationException($"{defect} is not a defect of the wire format.");
            }
        }

        /// <summary>The record as one line of JSON, as the NDJSON writer writes it.</summary>
        private byte[] Render(SubmittedNotification submitted)
        {
            renderBuffer ??= new ArrayBufferWriter<byte>(4096);
            renderWriter ??= new Utf8JsonWriter(renderBuffer, NotificationJsonWriter.WriterOptions);
            renderBuffer.ResetWrittenCount();
            renderWriter.Reset();
            NotificationJsonWriter.Write(renderWriter, submitted);
            renderWriter.Flush();
            return renderBuffer.WrittenSpan.ToArray();
        }

        private static string Member(string name, string value) => "\"" + name + "\":\"" + value + "\"";

        private static string Member(string name, int value) => "\"" + name + "\":" + value.ToString(CultureInfo.InvariantCulture);

        private static string Replace(string json, string member, string replacement)
        {
            var at = json.IndexOf(member, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new InvalidOperationException($"The rendered record has no {member}.");
            }

            return string.Concat(json.AsSpan(0, at), replacement, json.AsSpan(at + member.Length));
        }

        private static string Insert(string json, string after, string text)
        {
            var at = json.IndexOf(after, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new InvalidOperationException($"The rendered record has no {after}.");
            }

            return string.Concat(json.AsSpan(0, at + after.Length), text, json.AsSpan(at + after.Length));
        }
    }
}
