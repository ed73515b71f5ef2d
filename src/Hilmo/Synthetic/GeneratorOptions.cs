using System.Collections.Immutable;
using Hilmo.Notifications;

namespace Hilmo.Synthetic;

/// <summary>
/// How <see cref="ServiceEventGenerator"/> makes its records. Shares are fractions of all records
/// generated; what is left after them are new records (<see cref="GeneratedRecordKind.Original"/>).
/// The defaults give a file that looks like a year of national data as providers send it: mostly
/// clean, with the updates, resends, withdrawals and mistakes a register sees every day.
/// </summary>
public sealed record GeneratorOptions
{
    /// <summary>Seed of the one random sequence; the same seed and options give the same bytes.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The year the events happen in, 2011 or later; null for the last complete year by the generator's clock.</summary>
    public int? Year { get; init; }

    /// <summary>
    /// Records that must be rejected, each with one finding (<see cref="GeneratedRecord.ExpectedCode"/>),
    /// spread over every kind of mistake the register knows. Default 2 %.
    /// </summary>
    public double InvalidShare { get; init; } = 0.02;

    /// <summary>
    /// Valid records that carry one expected warning (an unknown member, a unit id that is no OID,
    /// a code outside a provisional list, a late older version, a withdrawal of an unknown record).
    /// Default 0.5 %.
    /// </summary>
    public double WarningShare { get; init; } = 0.005;

    /// <summary>
    /// Records sent again with a later <c>paivitetty</c> because the visit booked in an earlier
    /// version took place. Default 8 %: in real data about one event in ten is reported before its visit.
    /// </summary>
    public double UpdateShare { get; init; } = 0.08;

    /// <summary>Records sent again because the booked visit was cancelled. Default 1.5 %.</summary>
    public double CancellationShare { get; init; } = 0.015;

    /// <summary>Exact resends of a record already sent, which the register counts as duplicates. Default 0.5 %.</summary>
    public double ResendShare { get; init; } = 0.005;

    /// <summary>Withdrawals (<c>poisto</c>) of a record sent earlier. Default 0.2 %.</summary>
    public double WithdrawalShare { get; init; } = 0.002;

    /// <summary>
    /// Include records over the size limit (FMT-007) among the invalid ones, rarely. Off by
    /// default: each costs a quarter of a megabyte.
    /// </summary>
    public bool IncludeOversizedRecords { get; init; }

    /// <summary>
    /// Most distinct people in the run; null for one per eight records, at least 2,000 and at most
    /// 250,000, which keeps memory bounded however many records are made.
    /// </summary>
    public int? People { get; init; }

    /// <summary>
    /// The registers to make records of. AvoHILMO alone by default, so that the benchmarks and
    /// fixtures made before the care periods existed keep their bytes; <c>hilmo generate</c> asks
    /// for all three. With periods, <c>count</c> still counts every record: per 100 AvoHILMO
    /// events come about one Terveys-Hilmo period and 0.3 Sosiaalihilmo periods, each sent as
    /// several versions.
    /// </summary>
    public ImmutableArray<Register> Registers { get; init; } = [Register.AvoHilmo];

    /// <summary>
    /// Outbreaks to inject on top of the syndromes' seasonal baselines (<c>hilmo generate --outbreak</c>);
    /// those outside the generated year change nothing. None by default.
    /// </summary>
    public ImmutableArray<InjectedOutbreak> Outbreaks { get; init; } = [];

    public static GeneratorOptions Default { get; } = new();

    /// <summary>Throws when an option is out of range, naming it.</summary>
    public void Validate()
    {
        Share(InvalidShare, nameof(InvalidShare));
        Share(WarningShare, nameof(WarningShare));
        Share(UpdateShare, nameof(UpdateShare));
        Share(CancellationShare, nameof(CancellationShare));
        Share(ResendShare, nameof(ResendShare));
        Share(WithdrawalShare, nameof(WithdrawalShare));
        var sum = InvalidShare + WarningShare + UpdateShare + CancellationShare + ResendShare + WithdrawalShare;
        if (sum > 0.9)
        {
            throw new ArgumentOutOfRangeException(nameof(GeneratorOptions), sum, "The shares leave less than a tenth of the records for new events; they must add up to 0.9 at most.");
        }

        if (Year is < 2011)
        {
            throw new ArgumentOutOfRangeException(nameof(Year), Year, "AvoHILMO data begin in 2011.");
        }

        if (Registers.IsDefaultOrEmpty)
        {
            throw new ArgumentOutOfRangeException(nameof(Registers), "Give at least one register.");
        }

        if (Outbreaks.IsDefault)
        {
            throw new ArgumentOutOfRangeException(nameof(Outbreaks), "Outbreaks must be a list, empty for none.");
        }

        foreach (var outbreak in Outbreaks)
        {
            if (!(outbreak.Factor > 0) || double.IsInfinity(outbreak.Factor) || outbreak.Days < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(Outbreaks), outbreak.ToString(), $"Outbreak {outbreak}: the factor must be above 0 and the days at least 1.");
            }
        }

        if (People is < 100)
        {
            throw new ArgumentOutOfRangeException(nameof(People), People, "Give at least 100 people.");
        }
    }

    private static void Share(double value, string name)
    {
        if (!(value is >= 0 and <= 0.9))
        {
            throw new ArgumentOutOfRangeException(name, value, "A share is a fraction between 0 and 0.9.");
        }
    }
}
