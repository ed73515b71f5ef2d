using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using Hilmo.Notifications;

namespace Hilmo.Synthetic;

public sealed partial class ServiceEventGenerator
{
    /// <summary>The visit and what was recorded at it.</summary>
    private readonly record struct VisitContentResult(
        Visit Visit,
        ImmutableArray<VisitReason> Reasons,
        ImmutableArray<Procedure> Procedures,
        ImmutableArray<Medication> Medications,
        HealthFactors? HealthFactors,
        ImmutableArray<string> FollowUp);

    private sealed partial class Run
    {
        // FDI tooth numbers 00–88 as text, made once.
        private static readonly string[] toothNumbers = [.. Enumerable.Range(0, 89).Select(n => n.ToString("00", CultureInfo.InvariantCulture))];

        private static readonly Weighted<char> gumDigits = new([('0', 40), ('1', 30), ('2', 20), ('3', 8), ('4', 2)]);

        // Never, former, occasional, daily: the shape of a smoking status code; the list itself is not public.
        private static readonly Weighted<string> smokingStatus = new([("1", 60), ("2", 20), ("3", 5), ("4", 15)]);

        private VisitContentResult VisitContent(
            CareProfile profile, SyntheticPerson person, SyntheticUnit unit, string profession, DateTime start, string urgency, string nature, string firstVisit)
        {
            var contactType = profile.ContactTypes.Next(random);
            var end = start.AddMinutes(VisitMinutes(profile, contactType));
            var visit = new Visit
            {
                Start = start,
                End = end,
                Profession = profession,
                Professional = random.NextDouble() < 0.6 ? ProfessionalNumber(unit, profession) : null,
                ServiceForm = profile.ServiceForm,
                ContactType = contactType,
                VisitorGroup = random.NextDouble() < profile.Spec.GroupShare ? "2" : "1",
                Urgency = urgency,
                Nature = nature,
                FirstVisit = firstVisit,
            };
            var age = person.AgeOn(DateOnly.FromDateTime(start));
            return new VisitContentResult(
                visit,
                Reasons(profile, profession, person, DateOnly.FromDateTime(start)),
                Procedures(profile, age),
                Medications(profile, profession, age, start, end),
                HealthFactors(profile, person.Sex, age),
                FollowUp(profile));
        }

        private int VisitMinutes(CareProfile profile, string contactType) => contactType switch
        {
            "R50" or "R52" => 5 + random.Next(16),
            "R51" or "R55" or "R56" => 2 + random.Next(9),
            "R60" or "R70" or "R71" or "R72" or "R90" => 5 + random.Next(26),
            _ => profile.Spec.MinMinutes + random.Next(profile.Spec.MaxMinutes - profile.Spec.MinMinutes + 1),
        };

        /// <summary>
        /// A registration number for the professional, fixed by unit, profession and one of twenty
        /// people, so a unit's staff recur. Nine digits, unlike real Valvira numbers.
        /// </summary>
        private string ProfessionalNumber(SyntheticUnit unit, string profession)
        {
            if (!professionNumbers.TryGetValue(profession, out var number))
            {
                number = professionNumbers.Count;
                professionNumbers.Add(profession, number);
            }

            var value = 100_000_000 + (generator.unitNumbers[unit] * 1000) + (number % 50 * 20) + random.Next(20);
            return value.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// One to three reasons: physicians and dentists mostly write ICD-10 diagnoses, nurses and
        /// therapists mostly ICPC-2; an injury comes with its external cause and accident type. In
        /// services that see acute infections the first reason is, with the syndromes' seasonal shares
        /// for the day and the client's county (<see cref="SyndromeSeasons"/>), a syndrome's code.
        /// </summary>
        private ImmutableArray<VisitReason> Reasons(CareProfile profile, string profession, SyntheticPerson person, DateOnly day)
        {
            if (profile.Spec.InjuryShare > 0 && care.Injuries is { } injuries && random.NextDouble() < profile.Spec.InjuryShare)
            {
                var (injury, causes, types) = injuries.Next(random);
                return
                [
                    new VisitReason
                    {
                        Icd10 = injury,
                        ExternalCause = causes is not null && random.NextDouble() < 0.85 ? causes.Next(random) : null,
                        AccidentType = types is not null && random.NextDouble() < 0.7 ? types.Next(random) : null,
                    },
                ];
            }

            var r = random.NextDouble();
            var wanted = r < 0.65 ? 1 : r < 0.93 ? 2 : 3;
            var diagnoses = profession.StartsWith("222", StringComparison.Ordinal) ? 0.8 : 0.25;
            var reasons = new VisitReason[wanted];
            var count = 0;
            for (var i = 0; i < wanted; i++)
            {
                var icd10 = profile.Icd10 is not null && (profile.Icpc2 is null || random.NextDouble() < diagnoses);
                if ((icd10 ? profile.Icd10 : profile.Icpc2) is not { } pool)
                {
                    break;
                }

                var code = pool.Next(random);
                if (!Has(reasons.AsSpan(0, count), code))
                {
                    reasons[count++] = icd10 ? new VisitReason { Icd10 = code } : new VisitReason { Icpc2 = code };
                }
            }

            if (count > 0 && profile.Spec.SyndromeShare > 0
                && generator.syndromes.Draw(day, person.County, syndromeRandom.NextDouble() / profile.Spec.SyndromeShare, reasons[0].Icd10 is not null, syndromeRandom) is var (syndromeCode, icd10Code))
            {
                // The pools of these services hold no syndrome code, so the code cannot repeat another reason.
                reasons[0] = icd10Code ? new VisitReason { Icd10 = syndromeCode } : new VisitReason { Icpc2 = syndromeCode };
            }

            return count == 0 ? [] : ImmutableCollectionsMarshal.AsImmutableArray(count == wanted ? reasons : reasons[..count]);

            static bool Has(ReadOnlySpan<VisitReason> reasons, string code)
            {
                foreach (var reason in reasons)
                {
                    if (reason.Icd10 == code || reason.Icpc2 == code)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        private ImmutableArray<Procedure> Procedures(CareProfile profile, double age)
        {
            if (random.NextDouble() >= profile.Spec.ProcedureShare)
            {
                return [];
            }

            if (profile.Spec.OralCare)
            {
                return OralProcedures(age);
            }

            if (profile.Spat is not { } spat)
            {
                return [];
            }

            var first = CareCatalogue.FitToAge(spat.Next(random), age);
            if (random.NextDouble() < 0.25 && CareCatalogue.FitToAge(spat.Next(random), age) is var second && second != first)
            {
                return [new Procedure { Spat = first }, new Procedure { Spat = second }];
            }

            return [new Procedure { Spat = first }];
        }

        /// <summary>An examination, fillings or extractions on named teeth, or both.</summary>
        private ImmutableArray<Procedure> OralProcedures(double age)
        {
            var r = random.NextDouble();
            var teeth = r < 0.35 ? 0 : r < 0.7 ? 1 : r < 0.92 ? 2 : 3;
            var examination = teeth == 0 || random.NextDouble() < 0.3;
            var procedures = new Procedure[teeth + (examination ? 1 : 0)];
            var i = 0;
            if (examination)
            {
                procedures[i++] = new Procedure { OralProcedure = care.OralWithoutTooth.Next(random) };
            }

            while (i < procedures.Length)
            {
                procedures[i++] = new Procedure { OralProcedure = care.OralWithTooth.Next(random), Tooth = Tooth(age) };
            }

            return ImmutableCollectionsMarshal.AsImmutableArray(procedures);
        }

        /// <summary>A tooth in FDI notation: primary teeth (51–85) for young children, permanent ones (11–48) after.</summary>
        private string Tooth(double age)
        {
            var primary = age < 6 || (age < 12 && random.Next(2) == 0);
            return primary
                ? toothNumbers[((5 + random.Next(4)) * 10) + 1 + random.Next(5)]
                : toothNumbers[((1 + random.Next(4)) * 10) + 1 + random.Next(8)];
        }

        /// <summary>A vaccination where the age, season and service fit, else sometimes a prescription by a physician.</summary>
        private ImmutableArray<Medication> Medications(CareProfile profile, string profession, double age, DateTime start, DateTime end)
        {
            var fluSeason = start.Month is >= 10 or 1;
            var share = profile.Spec.VaccinationShare * (fluSeason ? 3 : 1);
            if (share > 0 && random.NextDouble() < share && Vaccination(profile.ServiceForm, age, fluSeason) is { } vaccination)
            {
                return [vaccination];
            }

            if (profession.StartsWith("2221", StringComparison.Ordinal) && random.NextDouble() < profile.Spec.PrescriptionShare)
            {
                var (atc, tradeName) = care.Prescriptions.Next(random);
                return
                [
                    new Medication
                    {
                        Atc = atc,
                        TradeName = tradeName,
                        PackageNumber = PackageNumber(),
                        PrescribedAt = start.AddMinutes(random.Next(Math.Max(1, (int)(end - start).TotalMinutes))),
                    },
                ];
            }

            return [];
        }

        private Medication? Vaccination(string serviceForm, double age, bool fluSeason)
        {
            VaccineSpec? chosen = null;
            var candidates = 0;
            foreach (var vaccine in care.Vaccines)
            {
                if (Array.IndexOf(vaccine.ServiceForms, serviceForm) < 0 || age < vaccine.FirstAge || age >= vaccine.LastAge + 1)
                {
                    continue;
                }

                // Influenza vaccines in the season only, and in health stations mostly for the elderly.
                if (vaccine.Seasonal && (!fluSeason || (serviceForm == "T11" && age < 65 && random.Next(4) != 0)))
                {
                    continue;
                }

                if (random.Next(++candidates) == 0)
                {
                    chosen = vaccine;
                }
            }

            if (chosen is null)
            {
                return null;
            }

            return new Medication
            {
                Atc = chosen.Atc,
                TradeName = chosen.TradeName,
                PackageNumber = PackageNumber(),
                Vaccination = true,
                BatchNumber = BatchNumber(),
                // By the schedule for the child's age; a third of children are a dose behind it.
                DoseNumber = chosen.Seasonal ? "1" : chosen.DoseAt(age, behind: random.Next(3) == 0).ToString(CultureInfo.InvariantCulture),
                Route = chosen.Route,

                // Infants are vaccinated in the thigh, everyone else in the upper arm; oral vaccines have no site.
                InjectionSite = chosen.Route == "PO" ? null
                    : CareCatalogue.InjectionSites[(age < 2 ? 0 : 2) + random.Next(2)],
            };
        }

        private string PackageNumber() => random.Next(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture);

        private string BatchNumber() => string.Create(7, random, static (text, random) =>
        {
            text[0] = (char)('A' + random.Next(26));
            text[1] = (char)('A' + random.Next(26));
            for (var i = 2; i < 6; i++)
            {
                text[i] = (char)('0' + random.Next(10));
            }

            text[6] = (char)('A' + random.Next(26));
        });

        private HealthFactors? HealthFactors(CareProfile profile, Sex sex, double age)
        {
            if (random.NextDouble() >= profile.Spec.HealthFactorShare)
            {
                return null;
            }

            if (profile.Spec.OralCare)
            {
                return Teeth(age);
            }

            var (weight, height) = Growth(sex, age);
            return new HealthFactors
            {
                WeightGrams = weight,
                HeightMillimetres = random.NextDouble() < 0.7 ? height : null,
                Smoking = age >= 15 && random.NextDouble() < 0.3 ? smokingStatus.Next(random) : null,
            };
        }

        /// <summary>
        /// Weight (g) and height (mm) for age and sex: infant and child growth as straight lines
        /// between rough reference points, adults around the Finnish averages, with spread.
        /// </summary>
        private (int Weight, int Height) Growth(Sex sex, double age)
        {
            var male = sex == Sex.Male;
            double weight, height;
            if (age < 1)
            {
                weight = 3500 + (6500 * age);
                height = 500 + (250 * age);
            }
            else if (age < 18)
            {
                weight = 10_000 + ((age - 1) * (male ? 3600 : 3200));
                height = 750 + ((age - 1) * (male ? 62 : 54));
            }
            else
            {
                weight = male ? 85_000 : 72_000;
                height = male ? 1790 : 1650;
                if (age >= 75)
                {
                    weight *= 0.92;
                    height *= 0.97;
                }
            }

            weight *= 1 + (0.12 * Normal());
            height *= 1 + (0.04 * Normal());
            return ((int)Math.Clamp(weight, 400, 250_000), (int)Math.Clamp(height, 300, 2_200));
        }

        /// <summary>Decayed, missing and filled teeth for age, within the one mouth's 32 (or 20 primary) teeth.</summary>
        private HealthFactors Teeth(double age)
        {
            int? decayed = null, missing = null, filled = null, decayedPrimary = null, missingPrimary = null, filledPrimary = null;
            if (age >= 6)
            {
                decayed = random.NextDouble() < 0.6 ? 0 : 1 + random.Next(3);
                missing = age < 40 ? (random.NextDouble() < 0.85 ? 0 : 1 + random.Next(2)) : age < 65 ? random.Next(7) : 2 + random.Next(19);
                filled = Math.Min(age < 18 ? random.Next(4) : 2 + random.Next(13), 32 - decayed.Value - missing.Value);
            }

            if (age is >= 2 and < 12)
            {
                decayedPrimary = random.NextDouble() < 0.7 ? 0 : 1 + random.Next(3);
                missingPrimary = random.NextDouble() < 0.9 ? 0 : 1;
                filledPrimary = random.Next(3);
            }

            return new HealthFactors
            {
                DecayedPermanentTeeth = decayed,
                MissingPermanentTeeth = missing,
                FilledPermanentTeeth = filled,
                DecayedPrimaryTeeth = decayedPrimary,
                MissingPrimaryTeeth = missingPrimary,
                FilledPrimaryTeeth = filledPrimary,

                // The periodontal index of six sextants, one digit 0–4 each.
                GumStatus = age >= 15 && random.Next(2) == 0 ? string.Create(6, random, static (text, random) =>
                {
                    for (var i = 0; i < text.Length; i++)
                    {
                        text[i] = gumDigits.Next(random);
                    }
                }) : null,
                Smoking = age >= 18 && random.NextDouble() < 0.2 ? smokingStatus.Next(random) : null,
            };
        }

        private ImmutableArray<string> FollowUp(CareProfile profile) =>
            profile.FollowUp is { } codes && random.NextDouble() < profile.Spec.FollowUpShare ? [codes.Next(random)] : [];

        /// <summary>A standard normal deviate (Box–Muller).</summary>
        private double Normal() =>
            Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
