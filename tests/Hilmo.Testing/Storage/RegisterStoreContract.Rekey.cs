using Hilmo.Identity;
using Hilmo.Ingest;
using Hilmo.Notifications;
using Hilmo.Storage;
using static Hilmo.Testing.TestRecords;

namespace Hilmo.Testing.Storage;

/// <summary>
/// Master-key rotation on the store: submissions before a rotation, a re-key stopped part way (by
/// a batch limit and by cancellation), submissions meanwhile, the resumed re-key and submissions
/// after. Within each provider a person's records end under one pseudonym of the current key
/// version; persons and providers never share one; the subject requests' pseudonyms find the
/// person's records at every stage.
/// </summary>
public abstract partial class RegisterStoreContract
{
    private static readonly string[] RotationProviders = ["90152", "90153"];
    private static readonly string[] RotationPersons = ["131052-308T", "010180-456T", "150675-123U"];
    private const string TemporaryCode = "211123A965F";

    [Fact]
    public async Task A_rotation_and_an_interrupted_re_key_keep_every_persons_records_linked_within_their_provider()
    {
        var folder = Directory.CreateTempSubdirectory("hilmo-rekey-").FullName;
        try
        {
            var keyFile = Path.Combine(folder, "keys", "master.key");
            var options = new ProviderPseudonymiserOptions { AllowTemporaryCodes = true };
            using var before = new ProviderPseudonymiser(MasterKeyFile.LoadOrCreate(keyFile), options);
            var records = new List<(RecordKey Key, string Provider, string Code)>();
            var serial = 0;

            // Before: two visits of every person at both providers, a ward period, a temporary code, a withdrawal.
            var firstRecords = new List<RegisteredNotification>();
            foreach (var provider in RotationProviders)
            {
                foreach (var code in RotationPersons)
                {
                    for (var i = 0; i < 2; i++)
                    {
                        firstRecords.Add(Pseudonymised(before, Visit($"1.2.246.10.2345678.10.2026.{++serial}", provider), code, records));
                    }
                }
            }

            firstRecords.Add(Pseudonymised(before, WardPeriod("1.2.246.10.2345678.20.2026.1", "90152"), RotationPersons[0], records));
            var temporary = Pseudonymised(before, Visit("1.2.246.10.2345678.10.2026.900", "90152"), TemporaryCode, null);
            firstRecords.Add(temporary);
            await StoreAsync([.. firstRecords]);
            await StoreAsync(Withdrawal("1.2.246.10.2345678.10.2026.999", "90152", new DateTime(2026, 3, 10, 9, 0, 0)));
            var storedBefore = firstRecords.Count;
            Assert.Equal(storedBefore, await Store.CountToRekeyAsync(2));
            await AssertFoundAsync(before, records);

            // The rotation: new submissions get the chained value of version 2 from now on.
            Assert.Equal(2, MasterKeyFile.AddVersion(keyFile));
            using var now = new ProviderPseudonymiser(MasterKeyFile.Load(keyFile), options);
            Assert.Equal(2, now.KeyVersion);
            await AssertFoundAsync(now, records);

            // A re-key stopped by its batch limit, then one cancelled after its first batch.
            var limited = await Store.RekeyAsync(now, new RekeyOptions(BatchSize: 3, MaxBatches: 2));
            Assert.Equal((6L, 0L, 2, false), (limited.Rekeyed, limited.HashesKept, limited.Batches, limited.Complete));
            Assert.Equal(storedBefore - 6, limited.Remaining);
            using (var cancellation = new CancellationTokenSource())
            {
                var reports = new List<RekeyProgress>();
                var progress = new SynchronousProgress(p => { reports.Add(p); cancellation.Cancel(); });
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.RekeyAsync(now, new RekeyOptions(BatchSize: 3), progress, cancellation.Token));
                Assert.Equal([new RekeyProgress(3, storedBefore - 6, 1)], reports);
            }

            Assert.Equal(storedBefore - 9, await Store.CountToRekeyAsync(2));
            await AssertFoundAsync(now, records);

            // Meanwhile: new records of the same persons, a resend of an unchanged re-keyed version
            // (a duplicate, as its content hash was made again) and of one not yet re-keyed (told
            // as a conflict and not stored: the stored version stays and is re-keyed later).
            var during = new List<RegisteredNotification>();
            foreach (var provider in RotationProviders)
            {
                foreach (var code in RotationPersons.Take(2))
                {
                    during.Add(Pseudonymised(now, Visit($"1.2.246.10.2345678.10.2026.{++serial}", provider), code, records));
                }
            }

            await StoreAsync([.. during]);
            var resentRekeyed = await StoreAsync(Pseudonymised(now, Visit("1.2.246.10.2345678.10.2026.1", "90152"), RotationPersons[0], null));
            Assert.Equal(VersionOutcome.Duplicate, Assert.Single(resentRekeyed.Outcomes).Outcome);
            var resentOld = await StoreAsync(Pseudonymised(now, Visit($"1.2.246.10.2345678.10.2026.{serial - during.Count}", "90153"), RotationPersons[2], null));
            Assert.Equal(VersionOutcome.Conflict, Assert.Single(resentOld.Outcomes).Outcome);
            await AssertFoundAsync(now, records);

            // Resumed: the rest, and a second run finds nothing.
            var rest = await Store.RekeyAsync(now, new RekeyOptions(BatchSize: 4));
            Assert.Equal((storedBefore - 9L, 0L, 0L, true), (rest.Rekeyed, rest.HashesKept, rest.Remaining, rest.Complete));
            var again = await Store.RekeyAsync(now, new RekeyOptions());
            Assert.Equal((0L, 0, 0L), (again.Rekeyed, again.Batches, again.Remaining));

            // After: more records, and a resend of the version that was a conflict is a duplicate now.
            var after = new List<RegisteredNotification>();
            foreach (var provider in RotationProviders)
            {
                after.Add(Pseudonymised(now, Visit($"1.2.246.10.2345678.10.2026.{++serial}", provider), RotationPersons[2], records));
            }

            after.Add(Pseudonymised(now, WardPeriod("1.2.246.10.2345678.20.2026.2", "90152"), RotationPersons[0], records));
            await StoreAsync([.. after]);
            var resentAfter = await StoreAsync(Pseudonymised(now, Visit($"1.2.246.10.2345678.10.2026.{serial - during.Count - after.Count + 1}", "90153"), RotationPersons[2], null));
            Assert.Equal(VersionOutcome.Duplicate, Assert.Single(resentAfter.Outcomes).Outcome);

            // At the end: one pseudonym per provider and person, the one of version 2, found by the subject requests' list.
            var clients = new Dictionary<(string Provider, string Code), HashSet<(int, Pseudonym)>>();
            foreach (var (key, provider, code) in records)
            {
                var client = (await Store.GetCurrentAsync(key))!.Record.Client!;
                (clients.TryGetValue((provider, code), out var set) ? set : clients[(provider, code)] = []).Add((client.KeyVersion, client.Pseudonym));
            }

            Assert.Equal(RotationProviders.Length * RotationPersons.Length, clients.Count);
            foreach (var ((provider, code), set) in clients)
            {
                var (version, pseudonym) = Assert.Single(set);
                Assert.Equal(2, version);
                Assert.Equal(StoredPseudonymsOf(now, provider, code)[^1], (version, pseudonym));
            }

            Assert.Equal(clients.Count, clients.Values.Select(s => s.Single().Item2).Distinct().Count());
            var temporaryClient = (await Store.GetCurrentAsync(temporary.Key))!.Record.Client!;
            Assert.Equal((2, true), (temporaryClient.KeyVersion, temporaryClient.Temporary));
            Assert.Equal(Pseudonymised(now, temporary.Notification, TemporaryCode, null).Client!.Pseudonym, temporaryClient.Pseudonym);
            Assert.Null((await Store.GetCurrentAsync(new RecordKey("90152", "1.2.246.10.2345678.10.2026.999", Register.AvoHilmo)))!.Record.Client);
            Assert.Equal(0, await Store.CountToRekeyAsync(2));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Every stored record of the persons is under one of the pseudonyms the subject requests would look for.</summary>
    private async Task AssertFoundAsync(ProviderPseudonymiser pseudonymiser, IEnumerable<(RecordKey Key, string Provider, string Code)> records)
    {
        foreach (var (key, provider, code) in records)
        {
            var client = (await Store.GetCurrentAsync(key))!.Record.Client!;
            Assert.Contains((client.KeyVersion, client.Pseudonym), StoredPseudonymsOf(pseudonymiser, provider, code));
            foreach (var other in RotationPersons.Where(c => c != code))
            {
                Assert.DoesNotContain((client.KeyVersion, client.Pseudonym), StoredPseudonymsOf(pseudonymiser, provider, other));
            }

            foreach (var elsewhere in RotationProviders.Where(p => p != provider))
            {
                Assert.DoesNotContain((client.KeyVersion, client.Pseudonym), StoredPseudonymsOf(pseudonymiser, elsewhere, code));
            }
        }
    }

    private static IReadOnlyList<(int, Pseudonym)> StoredPseudonymsOf(ProviderPseudonymiser pseudonymiser, string provider, string code)
    {
        Assert.True(IdentityCode.Parse(code).TryGetValue(out var parsed));
        return pseudonymiser.StoredPseudonyms(provider, parsed);
    }

    /// <summary>The record pseudonymised as the pipeline does, noted in <paramref name="records"/> as the person's.</summary>
    private static RegisteredNotification Pseudonymised(ProviderPseudonymiser pseudonymiser, Notification e, string code, List<(RecordKey, string, string)>? records)
    {
        var result = pseudonymiser.Pseudonymise(e.Provider!, e.RecordId!, new IdentityCodeText(code), AgeDays.Of(e));
        var client = result.Client ?? throw new InvalidOperationException($"Test identity code refused: {result.Error?.Code}");
        records?.Add((new RecordKey(e.Provider!, e.RecordId!, e.Register), e.Provider!, code));
        return new RegisteredNotification(e, client, new ContentHash().Compute(e, client));
    }

    private sealed class SynchronousProgress(Action<RekeyProgress> report) : IProgress<RekeyProgress>
    {
        public void Report(RekeyProgress value) => report(value);
    }
}
