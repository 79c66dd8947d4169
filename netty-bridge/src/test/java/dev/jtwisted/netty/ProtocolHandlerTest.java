package dev.jtwisted.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.ConnectionLost;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IHalfCloseableProtocol;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IPullProducer;
import dev.jtwisted.internet.IPushProducer;
import dev.jtwisted.internet.ITransport;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.LogCapture;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link ProtocolHandler} and {@link ChannelTransport} on an {@link EmbeddedChannel}: how channel
 * events reach a protocol, and how the transport writes, closes and paces producers.
 */
class ProtocolHandlerTest {
    /**
     * Takes the writes and flushes before they reach the head, as a socket would: an
     * EmbeddedChannel runs its pending tasks on every write that reaches it, which would hide
     * when the transport flushes.
     */
    static final class Recorder extends ChannelOutboundHandlerAdapter {
        int flushes;
        final List<ByteBuf> pending = new ArrayList<>();
        final List<ChannelPromise> promises = new ArrayList<>();
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        final List<byte[]> backingArrays = new ArrayList<>();
        /** For each buffer flushed, the address of its first readable byte, or -1 on the heap. */
        final List<Long> addresses = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            pending.add((ByteBuf) msg);
            promises.add(promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            List<ByteBuf> bufs = new ArrayList<>(pending);
            List<ChannelPromise> done = new ArrayList<>(promises);
            pending.clear();
            promises.clear();
            for (ByteBuf buf : bufs) {
                if (buf.hasArray()) {
                    backingArrays.add(buf.array());
                }
                addresses.add(buf.hasMemoryAddress() ? buf.memoryAddress() + buf.readerIndex() : -1);
                byte[] b = new byte[buf.readableBytes()];
                buf.readBytes(b);
                buf.release();
                sent.writeBytes(b);
            }
            for (ChannelPromise p : done) {
                p.trySuccess();
            }
        }
    }

    /** Builds one given protocol and records what the owner hears. */
    static final class Owner implements ConnectionOwner {
        IProtocol toBuild;
        RuntimeException toThrow;
        ChannelTransport made;
        final List<Failure> lost = new ArrayList<>();

        Owner(IProtocol toBuild) {
            this.toBuild = toBuild;
        }

        @Override
        public IProtocol buildProtocol(IAddress peer) {
            if (toThrow != null) {
                throw toThrow;
            }
            return toBuild;
        }

        @Override
        public void connectionMade(ChannelTransport transport) {
            made = transport;
        }

        @Override
        public void connectionLost(ChannelTransport transport, Failure reason) {
            lost.add(reason);
        }
    }

    private final Recorder flushes = new Recorder();
    private RecordingProtocol protocol;
    private Owner owner;
    private EmbeddedChannel channel;

    @BeforeEach
    void clearLog() {
        LogCapture.clear();
    }

    private EmbeddedChannel connect(RecordingProtocol p) {
        protocol = p;
        owner = new Owner(p);
        channel = new EmbeddedChannel(flushes, new ProtocolHandler(owner));
        return channel;
    }

    private ITransport transport() {
        return owner.made;
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, US_ASCII);
    }

    /** What the transport has flushed since last asked, as text. */
    private String flushed() {
        String text = flushes.sent.toString(US_ASCII);
        flushes.sent.reset();
        return text;
    }

    @Nested
    class Reading {
        @Test
        void anActiveChannelMakesTheConnectionWithTheTransport() {
            connect(new RecordingProtocol());
            assertEquals(List.of("connectionMade"), protocol.events);
            assertSame(owner.made, protocol.transport());
            assertTrue(protocol.connected());
        }

        @Test
        void dataReceivedGetsACopyAndTheBufferIsReleased() {
            connect(new RecordingProtocol());
            ByteBuf buf = bytes("hello");
            channel.writeInbound(buf);
            assertEquals("hello", protocol.receivedText());
            assertEquals(0, buf.refCnt());
        }

        @Test
        void eachReadOfABatchIsItsOwnDataReceived() {
            connect(new RecordingProtocol());
            channel.writeInbound(bytes("a"), bytes("b"), bytes("c"));
            assertEquals(List.of("connectionMade", "dataReceived", "dataReceived", "dataReceived"), protocol.events);
            assertEquals("abc", protocol.receivedText());
        }

        @Test
        void aNullProtocolClosesTheConnectionAtOnce() {
            owner = new Owner(null);
            channel = new EmbeddedChannel(flushes, new ProtocolHandler(owner));
            channel.runPendingTasks();
            assertFalse(channel.isOpen());
            assertEquals(1, owner.lost.size());
        }

        @Test
        void aBuildProtocolThatThrowsClosesWithTheExceptionAsReason() {
            owner = new Owner(new RecordingProtocol());
            owner.toThrow = new IllegalStateException("no protocol for you");
            channel = new EmbeddedChannel(flushes, new ProtocolHandler(owner));
            channel.runPendingTasks();
            assertFalse(channel.isOpen());
            assertInstanceOf(IllegalStateException.class, owner.lost.get(0).value());
        }
    }

    @Nested
    class Writing {
        @Test
        void writesDuringAReadBatchAreFlushedOnceWhenTheBatchCompletes() {
            connect(new RecordingProtocol() {
                @Override
                public void dataReceived(byte[] data) {
                    transport.write(data);
                    transport.write("!".getBytes(US_ASCII));
                }
            });
            int before = flushes.flushes;
            channel.writeInbound(bytes("a"), bytes("b"), bytes("c"));
            assertEquals(before + 1, flushes.flushes);
            assertEquals("a!b!c!", flushed());
        }

        @Test
        void writesOutsideAReadAreFlushedOnceAtTheEndOfTheTask() {
            connect(new RecordingProtocol());
            int before = flushes.flushes;
            for (int i = 0; i < 10; i++) {
                transport().write(("" + i).getBytes(US_ASCII));
            }
            assertEquals("", flushed());
            channel.runPendingTasks();
            assertEquals(before + 1, flushes.flushes);
            assertEquals("0123456789", flushed());
        }

        @Test
        void writeSequenceWritesEachArrayInOrder() {
            connect(new RecordingProtocol());
            transport().writeSequence(List.of("ab".getBytes(US_ASCII), new byte[0], "cd".getBytes(US_ASCII)));
            channel.runPendingTasks();
            assertEquals("abcd", flushed());
        }

        @Test
        void aLargeArrayIsSentWithoutACopy() {
            connect(new RecordingProtocol());
            byte[] data = new byte[ChannelTransport.GATHER_MAX + 1];
            transport().write(data);
            channel.runPendingTasks();
            assertSame(data, flushes.backingArrays.get(0));
        }

        @Test
        void smallWritesOfATurnAreGatheredIntoOneBufferInOrder() {
            connect(new RecordingProtocol());
            byte[] large = new byte[ChannelTransport.GATHER_MAX + 1];
            java.util.Arrays.fill(large, (byte) '-');
            transport().write("a".getBytes(US_ASCII));
            transport().write("b".getBytes(US_ASCII));
            transport().write(large);
            transport().writeSequence(List.of("c".getBytes(US_ASCII), "d".getBytes(US_ASCII)));
            channel.runPendingTasks();
            assertEquals("ab" + "-".repeat(large.length) + "cd", flushed());
            assertEquals(3, flushes.addresses.size(), "ab, the large array, cd");
        }

        @Test
        void aFullGatherBufferIsPassedOnAndANewOneStarted() {
            connect(new RecordingProtocol());
            byte[] piece = new byte[ChannelTransport.GATHER_MAX];
            int count = ChannelTransport.GATHER_CAPACITY / piece.length + 1;
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < count; i++) {
                java.util.Arrays.fill(piece, (byte) ('a' + i));
                transport().write(piece.clone());
                expected.append(String.valueOf((char) ('a' + i)).repeat(piece.length));
            }
            channel.runPendingTasks();
            assertEquals(expected.toString(), flushed());
            assertEquals(2, flushes.addresses.size());
        }

        @Test
        void gatheredBytesNotYetSentAreReleasedWhenTheConnectionIsAborted() {
            connect(new RecordingProtocol());
            transport().write("lost".getBytes(US_ASCII));
            transport().abortConnection();
            channel.runPendingTasks();
            assertEquals("", flushed());
            assertFalse(channel.isOpen());
        }
    }

    /** A protocol that takes views: {@code dataReceived(ByteBuffer)} instead of byte[]. */
    static class ViewProtocol extends RecordingProtocol {
        final List<Boolean> readOnly = new ArrayList<>();

        @Override
        public void dataReceived(ByteBuffer data) {
            events.add("dataReceived(ByteBuffer)");
            readOnly.add(data.isReadOnly());
            byte[] copy = new byte[data.remaining()];
            data.duplicate().get(copy);
            received.writeBytes(copy);
            onView(data);
        }

        void onView(ByteBuffer data) {}
    }

    @Nested
    class BufferViews {
        @Test
        void aProtocolOverridingTheByteBufferFormGetsAReadOnlyViewAndTheBufferIsReleasedAfter() {
            connect(new ViewProtocol());
            ByteBuf buf = Unpooled.directBuffer().writeBytes("hello".getBytes(US_ASCII));
            channel.writeInbound(buf);
            assertEquals(List.of("connectionMade", "dataReceived(ByteBuffer)"), protocol.events);
            assertEquals("hello", protocol.receivedText());
            assertEquals(List.of(true), ((ViewProtocol) protocol).readOnly);
            assertEquals(0, buf.refCnt());
        }

        @Test
        void writingTheViewBackSendsASliceOfTheReadBufferWithoutACopy() {
            connect(new ViewProtocol() {
                @Override
                void onView(ByteBuffer data) {
                    transport.write(data);
                    assertEquals(0, data.remaining());
                }
            });
            ByteBuf buf = Unpooled.directBuffer().writeBytes("echo me".getBytes(US_ASCII));
            long address = buf.memoryAddress();
            channel.writeInbound(buf);
            assertEquals("echo me", flushed());
            assertEquals(List.of(address), flushes.addresses, "sent from the read buffer's own memory");
            assertEquals(0, buf.refCnt());
        }

        @Test
        void aViewReadInPartSendsOnlyWhatRemains() {
            connect(new ViewProtocol() {
                @Override
                void onView(ByteBuffer data) {
                    data.get(new byte[3]);
                    transport.write(data);
                }
            });
            ByteBuf buf = Unpooled.directBuffer().writeBytes("skipkeep".getBytes(US_ASCII));
            buf.readerIndex(1); // a buffer that does not start at its reader index 0
            channel.writeInbound(buf);
            assertEquals("keep", flushed());
        }

        @Test
        void anyOtherBufferIsCopiedAndConsumedAtOnce() {
            connect(new RecordingProtocol());
            ByteBuffer mine = ByteBuffer.wrap("abc".getBytes(US_ASCII));
            transport().write(mine);
            assertEquals(0, mine.remaining());
            mine.clear().put("xyz".getBytes(US_ASCII)); // reusing it must not change what is sent
            channel.runPendingTasks();
            assertEquals("abc", flushed());
        }

        @Test
        void smallBuffersJoinTheGatheredWritesInOrderAndLargeOnesGoOnTheirOwn() {
            connect(new RecordingProtocol());
            ByteBuffer large = ByteBuffer.allocateDirect(ChannelTransport.GATHER_MAX + 1);
            while (large.hasRemaining()) {
                large.put((byte) '-');
            }
            large.flip();
            transport().write("a".getBytes(US_ASCII));
            transport().write(ByteBuffer.wrap("b".getBytes(US_ASCII)));
            transport().write(large);
            transport().write(ByteBuffer.wrap("c".getBytes(US_ASCII)));
            assertEquals(0, large.remaining());
            channel.runPendingTasks();
            assertEquals("ab" + "-".repeat(ChannelTransport.GATHER_MAX + 1) + "c", flushed());
            assertEquals(3, flushes.addresses.size(), "ab, the large buffer, c");
        }

        @Test
        void aByteArrayProtocolStillGetsArraysWhateverTheBuffer() {
            connect(new RecordingProtocol());
            channel.writeInbound(Unpooled.directBuffer().writeBytes("x".getBytes(US_ASCII)));
            assertEquals(List.of("connectionMade", "dataReceived"), protocol.events);
        }

        @Test
        void bytesHeldWhilePausedReachAViewProtocolAfterResuming() {
            connect(new ViewProtocol());
            transport().pauseProducing();
            channel.writeInbound(Unpooled.directBuffer().writeBytes("later".getBytes(US_ASCII)));
            assertEquals(List.of("connectionMade"), protocol.events);
            transport().resumeProducing();
            channel.runPendingTasks();
            assertEquals(List.of("connectionMade", "dataReceived(ByteBuffer)"), protocol.events);
            assertEquals("later", protocol.receivedText());
        }

        @Test
        void anExceptionFromTheViewFormClosesTheConnectionWithIt() {
            connect(new ViewProtocol() {
                @Override
                void onView(ByteBuffer data) {
                    throw new IllegalStateException("bad view");
                }
            });
            ByteBuf buf = Unpooled.directBuffer().writeBytes("x".getBytes(US_ASCII));
            channel.writeInbound(buf);
            channel.runPendingTasks();
            assertFalse(channel.isOpen());
            assertInstanceOf(IllegalStateException.class, protocol.lost.get(0).value());
            assertEquals(0, buf.refCnt());
        }
    }

    @Nested
    class Closing {
        @Test
        void loseConnectionSendsWhatWasWrittenThenClosesWithConnectionDone() {
            connect(new RecordingProtocol());
            transport().write("bye".getBytes(US_ASCII));
            transport().loseConnection();
            transport().write(" now".getBytes(US_ASCII));
            assertTrue(channel.isOpen());
            channel.runPendingTasks();
            assertEquals("bye now", flushed());
            assertFalse(channel.isOpen());
            assertEquals(List.of("connectionMade", "connectionLost"), protocol.events);
            assertNotNull(protocol.lost.get(0).check(ConnectionDone.class));
            assertEquals(1, owner.lost.size());
        }

        @Test
        void disconnectingTurnsTrueWithLoseConnection() {
            connect(new RecordingProtocol());
            assertFalse(transport().disconnecting());
            transport().loseConnection();
            assertTrue(transport().disconnecting());
        }

        @Test
        void disconnectingTurnsTrueWithAbortConnection() {
            connect(new RecordingProtocol());
            transport().abortConnection();
            assertTrue(transport().disconnecting());
        }

        @Test
        void aLineReceiverThatLosesTheConnectionGetsNoMoreLinesOfThatRead() {
            List<String> lines = new ArrayList<>();
            Owner lineOwner = new Owner(new dev.jtwisted.protocols.basic.LineReceiver() {
                @Override
                public void lineReceived(byte[] line) {
                    lines.add(new String(line, US_ASCII));
                    transport.loseConnection();
                }
            });
            channel = new EmbeddedChannel(flushes, new ProtocolHandler(lineOwner));
            channel.writeInbound(bytes("quit\r\nignored\r\n"));
            assertEquals(List.of("quit"), lines);
        }

        @Test
        void noDataIsDeliveredAfterLoseConnection() {
            connect(new RecordingProtocol());
            transport().loseConnection();
            channel.writeInbound(bytes("late"));
            assertEquals("", protocol.receivedText());
        }

        @Test
        void abortConnectionClosesAtOnceWithConnectionAborted() {
            connect(new RecordingProtocol());
            transport().write("never sent".getBytes(US_ASCII));
            transport().abortConnection();
            channel.runPendingTasks();
            assertFalse(channel.isOpen());
            assertEquals("", flushed());
            Failure reason = protocol.lost.get(0);
            // Twisted: ConnectionAborted, a kind of ConnectionLost.
            assertNotNull(reason.check(dev.jtwisted.internet.ConnectionAborted.class));
            assertNotNull(reason.check(ConnectionLost.class));
            assertTrue(reason.getErrorMessage().contains("aborted"), reason.getErrorMessage());
        }

        @Test
        void connectionLostIsCalledExactlyOnce() {
            connect(new RecordingProtocol());
            transport().loseConnection();
            transport().abortConnection();
            channel.runPendingTasks();
            channel.close();
            channel.runPendingTasks();
            assertEquals(1, protocol.lost.size());
            assertEquals(1, owner.lost.size());
        }

        @Test
        void aPeerResetGivesConnectionLostWithTheNettyExceptionAsCause() {
            connect(new RecordingProtocol());
            IOException reset = new IOException("Connection reset by peer");
            channel.pipeline().fireExceptionCaught(reset);
            channel.runPendingTasks();
            Failure reason = protocol.lost.get(0);
            assertNotNull(reason.check(ConnectionLost.class));
            assertSame(reset, reason.value().getCause());
        }

        @Test
        void aChannelClosedUnderUsGivesConnectionLost() {
            connect(new RecordingProtocol());
            channel.close();
            channel.runPendingTasks();
            assertNotNull(protocol.lost.get(0).check(ConnectionLost.class));
        }
    }

    @Nested
    class ErrorsInProtocolCode {
        @Test
        void anExceptionFromDataReceivedIsLoggedWithThePeerAndClosesWithIt() {
            IllegalArgumentException boom = new IllegalArgumentException("bad bytes");
            connect(new RecordingProtocol() {
                @Override
                public void dataReceived(byte[] data) {
                    throw boom;
                }
            });
            channel.writeInbound(bytes("x"));
            channel.runPendingTasks();
            assertFalse(channel.isOpen());
            assertSame(boom, protocol.lost.get(0).value());
            List<LogCapture.LogEvent> logged = LogCapture.containing("raised in dataReceived on");
            assertEquals(1, logged.size(), LogCapture.events().toString());
            assertTrue(logged.get(0).message().contains("IPv4Address"), logged.get(0).message());
            assertSame(boom, logged.get(0).throwable());
        }

        @Test
        void anExceptionFromConnectionMadeClosesWithIt() {
            IllegalStateException boom = new IllegalStateException("cannot start");
            connect(new RecordingProtocol() {
                @Override
                public void connectionMade() {
                    throw boom;
                }
            });
            channel.runPendingTasks();
            assertFalse(channel.isOpen());
            assertSame(boom, protocol.lost.get(0).value());
        }

        @Test
        void anExceptionFromConnectionLostIsLogged() {
            connect(new RecordingProtocol() {
                @Override
                public void connectionLost(Failure reason) {
                    throw new IllegalStateException("lost badly");
                }
            });
            channel.close();
            channel.runPendingTasks();
            assertEquals(1, LogCapture.containing("raised in connectionLost").size());
            assertEquals(1, owner.lost.size());
        }
    }

    @Nested
    class HalfClose {
        class HalfCloseable extends RecordingProtocol implements IHalfCloseableProtocol {
            @Override
            public void readConnectionLost() {
                events.add("readConnectionLost");
                transport.write("still here".getBytes(US_ASCII));
            }

            @Override
            public void writeConnectionLost() {
                events.add("writeConnectionLost");
            }
        }

        @Test
        void aHalfCloseableProtocolHearsReadConnectionLostAndMayStillWrite() {
            connect(new HalfCloseable());
            channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            channel.runPendingTasks();
            assertTrue(channel.isOpen());
            assertEquals(List.of("connectionMade", "readConnectionLost"), protocol.events);
            assertEquals("still here", flushed());
        }

        @Test
        void anyOtherProtocolHasTheConnectionClosedCleanly() {
            connect(new RecordingProtocol() {
                @Override
                public void dataReceived(byte[] data) {
                    super.dataReceived(data);
                    transport.write(data);
                }
            });
            channel.writeInbound(bytes("last words"));
            channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            channel.runPendingTasks();
            assertFalse(channel.isOpen());
            assertEquals("last words", flushed());
            assertNotNull(protocol.lost.get(0).check(ConnectionDone.class));
        }
    }

    @Nested
    class Producers {
        /** A push producer that records pause/resume/stop. */
        class Push implements IPushProducer {
            final List<String> calls = new ArrayList<>();

            @Override
            public void pauseProducing() {
                calls.add("pause");
            }

            @Override
            public void resumeProducing() {
                calls.add("resume");
            }

            @Override
            public void stopProducing() {
                calls.add("stop");
            }
        }

        @Test // Twisted: test_abstract / FileDescriptor.registerProducer
        void registeringASecondProducerIsAnError() {
            connect(new RecordingProtocol());
            Push first = new Push();
            transport().registerProducer(first, true);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> transport().registerProducer(new Push(), true));
            assertTrue(e.getMessage().contains("was never unregistered"), e.getMessage());
            transport().unregisterProducer();
            transport().registerProducer(new Push(), true);
        }

        @Test
        void aStreamingProducerIsPausedWhenTheChannelIsFullAndResumedWhenItDrains() {
            // The channel's own outbound buffer decides writability, so no recorder here.
            protocol = new RecordingProtocol();
            owner = new Owner(protocol);
            channel = new EmbeddedChannel(new ProtocolHandler(owner));
            // Netty counts about 100 bytes of overhead per queued buffer.
            channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(300, 600));
            Push producer = new Push();
            transport().registerProducer(producer, true);
            transport().write(new byte[250]);
            assertEquals(List.of(), producer.calls);
            transport().write(new byte[250]);
            assertEquals("pause", producer.calls.get(0));
            channel.runPendingTasks();
            assertEquals(List.of("pause", "resume"), producer.calls);
            int sent = 0;
            for (ByteBuf buf; (buf = channel.readOutbound()) != null; buf.release()) {
                sent += buf.readableBytes();
            }
            assertEquals(500, sent);
        }

        @Test
        void aPullProducerIsAskedAtOnceAndAgainOnceItsChunkIsSent() {
            connect(new RecordingProtocol());
            List<Integer> asked = new ArrayList<>();
            IPullProducer producer = new IPullProducer() {
                @Override
                public void resumeProducing() {
                    asked.add(asked.size());
                    if (asked.size() <= 3) {
                        transport().write(("chunk" + asked.size()).getBytes(US_ASCII));
                    }
                }

                @Override
                public void stopProducing() {
                }
            };
            transport().registerProducer(producer, false);
            assertEquals(1, asked.size());
            channel.runPendingTasks();
            assertEquals(4, asked.size());
            assertEquals("chunk1chunk2chunk3", flushed());
        }

        @Test
        void loseConnectionWaitsForAPullProducerToBeUnregistered() {
            connect(new RecordingProtocol());
            IPullProducer producer = new IPullProducer() {
                @Override
                public void resumeProducing() {
                }

                @Override
                public void stopProducing() {
                }
            };
            transport().registerProducer(producer, false);
            transport().loseConnection();
            channel.runPendingTasks();
            assertTrue(channel.isOpen());
            transport().unregisterProducer();
            channel.runPendingTasks();
            assertFalse(channel.isOpen());
            assertNotNull(protocol.lost.get(0).check(ConnectionDone.class));
        }

        @Test
        void aLostConnectionStopsTheRegisteredProducer() {
            connect(new RecordingProtocol());
            Push producer = new Push();
            transport().registerProducer(producer, true);
            channel.close();
            channel.runPendingTasks();
            assertEquals(List.of("stop"), producer.calls);
        }

        @Test
        void registeringOnALostConnectionStopsTheProducerAtOnce() {
            connect(new RecordingProtocol());
            channel.close();
            channel.runPendingTasks();
            Push producer = new Push();
            transport().registerProducer(producer, true);
            assertEquals(List.of("stop"), producer.calls);
        }
    }

    @Nested
    class TheTransportAsAProducer {
        @Test
        void pausingStopsReadingAndBytesThatStillArriveWaitForResume() {
            connect(new RecordingProtocol());
            transport().pauseProducing();
            assertFalse(channel.config().isAutoRead());
            channel.writeInbound(bytes("held"));
            assertEquals("", protocol.receivedText());
            transport().resumeProducing();
            channel.runPendingTasks();
            assertEquals("held", protocol.receivedText());
            assertTrue(channel.config().isAutoRead());
        }

        @Test
        void endOfInputWhilePausedWaitsForResume() {
            connect(new RecordingProtocol());
            transport().pauseProducing();
            channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            channel.runPendingTasks();
            assertTrue(channel.isOpen());
            transport().resumeProducing();
            channel.runPendingTasks();
            assertFalse(channel.isOpen());
        }

        @Test
        void stopProducingLosesTheConnection() {
            connect(new RecordingProtocol());
            transport().stopProducing();
            channel.runPendingTasks();
            assertFalse(channel.isOpen());
            assertNotNull(protocol.lost.get(0).check(ConnectionDone.class));
        }
    }

    @Test
    void theAddressesAreKeptAfterTheChannelCloses() {
        connect(new RecordingProtocol());
        IAddress peer = transport().getPeer();
        channel.close();
        channel.runPendingTasks();
        assertEquals(peer, transport().getPeer());
    }
}
