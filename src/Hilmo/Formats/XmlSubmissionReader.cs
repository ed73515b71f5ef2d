using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml;
using Hilmo.Validation;

namespace Hilmo.Formats;

/// <summary>
/// Reads XML: an envelope (<c>&lt;palvelutapahtumat&gt;</c>, <c>&lt;hoitojaksot&gt;</c> or
/// <c>&lt;hoitoilmoitukset&gt;</c>, any of them holding records of any register:
/// <c>&lt;palvelutapahtuma&gt;</c>, <c>&lt;terveyshilmoHoitojakso&gt;</c>,
/// <c>&lt;sosiaalihilmoHoitojakso&gt;</c>), or a single record element. Streams with <see cref="XmlReader"/>, one record
/// at a time, and hands each over already parsed (<see cref="RecordBatch.AddParsed"/>).
/// </summary>
/// <remarks>
/// <para>
/// Nothing outside the body is ever read: DTDs are refused before XmlReader sees them (SUB-004),
/// and XmlReader is in any case set to prohibit them, to resolve nothing and to expand no entity.
/// </para>
/// <para>
/// A body that stops being readable stops the submission with one finding, and the records before
/// that point are kept: SUB-001 for XML that is not well-formed (with the line and column,
/// never XmlReader's message, which quotes the content), SUB-002 for an encoding fault, SUB-003
/// for a body too large, SUB-004 for a DTD, SUB-005 for a body that ends inside the document, and
/// SUB-007 for a root element that is not the envelope. A record started before the fault is
/// dropped with it.
/// </para>
/// <para>
/// Memory stays bounded whatever the body holds: texts are read in chunks, every tag and CDATA
/// section is bounded by <see cref="SubmissionLimits.MaxRecordBytes"/>, nesting is followed only
/// so deep, and the table of element names stops growing at a bound.
/// </para>
/// </remarks>
public sealed class XmlSubmissionReader(SubmissionLimits limits) : ISubmissionReader
{
    // Enough names for any honest document many times over; see BoundedNameTable.
    private const int NameTableCharacters = 64 * 1024;

    private static readonly string[] FormatNames =
        [.. typeof(WireNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)];

    /// <summary>
    /// Nesting followed at all, counted in the whole document. XmlReader holds every open element,
    /// so this bounds its memory; a record is refused (FMT-008) long before.
    /// </summary>
    private int FollowDepth => Math.Max(256, limits.MaxDepth + 2);

    public async IAsyncEnumerable<RecordBatch> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var text = new XmlSubmissionText(body, limits, cancellationToken);
        using var xml = XmlReader.Create(text, CreateSettings());
        var document = new Document(xml, text, limits, FollowDepth);
        var batch = RecordBatch.Rent();
        Finding? stop;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (record, end) = await document.NextAsync().ConfigureAwait(false);
            if (record is null)
            {
                stop = end;
                break;
            }

            batch.AddParsed(record);
            if (batch.IsFull)
            {
                yield return batch;
                batch = RecordBatch.Rent();
            }
        }

        if (stop is null && document.Records == 0)
        {
            stop = Finding.ForSubmission(FindingCatalogue.Empty, null);
        }

        batch.SubmissionError = stop;
        yield return batch;
    }

    private XmlReaderSettings CreateSettings() => new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = limits.MaxSubmissionBytes ?? 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
        NameTable = new BoundedNameTable(NameTableCharacters, FormatNames),
    };

    /// <summary>Where reading stands in one submission's document.</summary>
    private sealed class Document(XmlReader xml, XmlSubmissionText text, SubmissionLimits limits, int followDepth)
    {
        private readonly XmlRecordNodes nodes = new();
        private readonly ServiceEventXmlParser serviceEvents = new(limits);
        private readonly CarePeriodXmlParser periods = new(limits);
        private Phase phase = Phase.Prolog;
        private bool rootOpen;

        private enum Phase
        {
            Prolog,
            SingleRecord,
            Envelope,
            AfterRoot,
        }

        public long Records { get; private set; }

        /// <summary>
        /// The next record, or none and the finding that ended the submission (none at a clean end).
        /// </summary>
        public async ValueTask<(ParsedRecord? Record, Finding? End)> NextAsync()
        {
            try
            {
                if (phase == Phase.Prolog)
                {
                    if (await EnterRootAsync().ConfigureAwait(false) is { } wrongRoot)
                    {
                        return (null, wrongRoot);
                    }

                    if (phase == Phase.SingleRecord)
                    {
                        phase = Phase.AfterRoot;
                        return (await ReadRecordAsync().ConfigureAwait(false), null);
                    }
                }

                if (phase == Phase.Envelope)
                {
                    while (await xml.ReadAsync().ConfigureAwait(false))
                    {
                        if (xml.NodeType == XmlNodeType.Element)
                        {
                            return (await ReadRecordAsync().ConfigureAwait(false), null);
                        }

                        if (xml.NodeType == XmlNodeType.EndElement)
                        {
                            rootOpen = false;
                            phase = Phase.AfterRoot;
                            break;
                        }

                        // Text between records is not part of any record and says nothing.
                    }
                }

                // XmlReader refuses anything after the root but comments, instructions and whitespace.
                while (await xml.ReadAsync().ConfigureAwait(false))
                {
                }

                return (null, rootOpen ? Finding.ForSubmission(FindingCatalogue.Truncated, text.Position) : null);
            }
            catch (SubmissionRefusedException refused)
            {
                return (null, refused.Finding);
            }
            catch (XmlException exception)
            {
                return (null, Explain(exception));
            }
        }

        private const string Envelopes = "<" + WireNames.XmlBatch + ">, <" + WireNames.XmlPeriodBatch + ">, <" + WireNames.XmlMixedBatch + ">";

        /// <summary>Moves to the root element and checks it; a finding when it is not one the register reads.</summary>
        private async ValueTask<Finding?> EnterRootAsync()
        {
            while (await xml.ReadAsync().ConfigureAwait(false) && xml.NodeType != XmlNodeType.Element)
            {
            }

            if (xml.NodeType != XmlNodeType.Element)
            {
                // XmlReader reports a missing root as an error; this is only a guard.
                return Finding.ForSubmission(FindingCatalogue.Empty, null);
            }

            if (IsRecordElement(xml.LocalName))
            {
                phase = Phase.SingleRecord;
                rootOpen = true;
                return null;
            }

            // Any envelope may hold records of any register.
            if (xml.LocalName is not (WireNames.XmlBatch or WireNames.XmlPeriodBatch or WireNames.XmlMixedBatch))
            {
                var lines = (IXmlLineInfo)xml;
                return Finding.ForSubmission(FindingCatalogue.UnexpectedStructure,
                    new TextPosition(lines.LineNumber, Math.Max(1, lines.LinePosition - 1)), Envelopes);
            }

            phase = xml.IsEmptyElement ? Phase.AfterRoot : Phase.Envelope;
            rootOpen = !xml.IsEmptyElement;
            return null;
        }

        private async ValueTask<ParsedRecord> ReadRecordAsync()
        {
            await nodes.ReadAsync(xml, limits, followDepth).ConfigureAwait(false);
            if (phase == Phase.AfterRoot)
            {
                rootOpen = false;
            }

            var index = Records++;
            if (string.Equals(nodes.Name, WireNames.XmlRecord, StringComparison.Ordinal))
            {
                return serviceEvents.Parse(nodes, index);
            }

            if (CarePeriodXmlParser.RegisterOf(nodes.Name) is { } register)
            {
                return periods.Parse(nodes, index, register);
            }

            // Something other than a record in the envelope takes a record's place, as a
            // non-object in a JSON array does.
            return new ParsedRecord(index, nodes.Position, null,
                [new Finding(FindingCatalogue.NotAnObject, index, null, null, [], nodes.Position)]);
        }

        private static bool IsRecordElement(string name) =>
            string.Equals(name, WireNames.XmlRecord, StringComparison.Ordinal) || CarePeriodXmlParser.RegisterOf(name) is not null;

        /// <summary>
        /// Turns XmlReader's refusal into the register's finding, using only what is known about
        /// the body, never the exception's message.
        /// </summary>
        private Finding Explain(XmlException exception)
        {
            var position = exception.LineNumber > 0
                ? new TextPosition(exception.LineNumber, exception.LinePosition)
                : text.Position;

            // XmlReader asks for more only when what it holds is used up, so a fault met after the
            // end was handed over lies in an unfinished tail.
            if (text.EndReached && (rootOpen || text.InMarkup))
            {
                return Finding.ForSubmission(FindingCatalogue.Truncated, position);
            }

            if (text.EndReached && !text.SawContent)
            {
                return Finding.ForSubmission(FindingCatalogue.Empty, null);
            }

            return Finding.ForSubmission(FindingCatalogue.NotReadable, position, "XML");
        }
    }
}
