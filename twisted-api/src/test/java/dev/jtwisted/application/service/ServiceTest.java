package dev.jtwisted.application.service;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.LogCapture;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Ports Twisted's {@code twisted.test.test_application.ServiceTests} and
 * {@code twisted.application.test.test_service}, with the stop-waiting behaviour of
 * {@code MultiService} the originals leave untested.
 */
class ServiceTest {
    static final class TestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TestException(String message) {
            super(message);
        }
    }

    /** Records its calls in a shared list; its stop returns {@link #stopResult} if set. */
    static final class Recorder extends Service {
        private final List<String> events;
        private final String label;
        Deferred<Void> stopResult;
        RuntimeException stopThrows;

        Recorder(List<String> events, String label) {
            this.events = events;
            this.label = label;
        }

        @Override
        public void privilegedStartService() {
            super.privilegedStartService();
            events.add("privileged " + label);
        }

        @Override
        public void startService() {
            super.startService();
            events.add("start " + label);
        }

        @Override
        public Deferred<Void> stopService() {
            Deferred<Void> done = super.stopService();
            events.add("stop " + label);
            if (stopThrows != null) {
                throw stopThrows;
            }
            return stopResult != null ? stopResult : done;
        }
    }

    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void clearLog() {
        LogCapture.clear();
    }

    private static List<IService> children(IServiceCollection parent) {
        List<IService> list = new ArrayList<>();
        parent.forEach(list::add);
        return list;
    }

    private static List<LogCapture.LogEvent> loggedWith(Throwable t) {
        List<LogCapture.LogEvent> matches = new ArrayList<>();
        for (LogCapture.LogEvent e : LogCapture.events()) {
            if (e.throwable() == t) {
                matches.add(e);
            }
        }
        return matches;
    }

    @Nested
    class Naming {
        @Test // Twisted: test_application.ServiceTests.testName
        void setNameNamesTheService() {
            Service s = new Service();
            assertNull(s.name());
            s.setName("hello");
            assertEquals("hello", s.name());
        }

        @Test // Twisted: test_application.ServiceTests.testDoublyNamedChild
        void renamingAServiceThatHasAParentFails() {
            Service s = new Service();
            MultiService p = new MultiService();
            s.setName("hello");
            s.setServiceParent(p);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.setName("lala"));
            assertTrue(e.getMessage().startsWith("cannot change name when parent exists"), e.getMessage());
            assertTrue(e.getMessage().contains("'lala'"), e.getMessage());
            assertEquals("hello", s.name());
        }

        @Test
        void aServiceCanBeRenamedOnceItHasLeftItsParent() {
            Service s = new Service();
            MultiService p = new MultiService();
            s.setName("hello");
            s.setServiceParent(p);
            s.disownServiceParent();
            s.setName("lala");
            s.setServiceParent(p);
            assertSame(s, p.getServiceNamed("lala"));
        }

        @Test
        void toStringGivesTheClassAndTheName() {
            Service s = new Service();
            assertEquals("Service", s.toString());
            s.setName("web");
            assertEquals("Service 'web'", s.toString());
            assertEquals("Application 'finger'", new Application("finger").toString());
        }
    }

    @Nested
    class Parents {
        @Test // Twisted: test_application.ServiceTests.testParent
        void setServiceParentAddsTheServiceToTheParent() {
            Service s = new Service();
            MultiService p = new MultiService();
            s.setServiceParent(p);
            assertEquals(List.of(s), children(p));
            assertSame(p, s.parent());
        }

        @Test // Twisted: test_application.ServiceTests.testApplicationAsParent
        void anApplicationIsAParent() {
            Service s = new Service();
            Application p = new Application("");
            s.setServiceParent(p);
            assertEquals(List.of(s), children(p));
            assertSame(p, s.parent());
        }

        @Test // Twisted: test_application.ServiceTests.testNamedChild
        void aNamedChildIsFoundByName() {
            Service s = new Service();
            MultiService p = new MultiService();
            s.setName("hello");
            s.setServiceParent(p);
            assertEquals(List.of(s), children(p));
            assertSame(p, s.parent());
            assertSame(s, p.getServiceNamed("hello"));
        }

        @Test
        void anUnknownNameIsNotFound() {
            MultiService p = new MultiService();
            new Service().setServiceParent(p);
            NoSuchElementException e = assertThrows(NoSuchElementException.class,
                    () -> p.getServiceNamed("nobody"));
            assertTrue(e.getMessage().contains("'nobody'"), e.getMessage());
        }

        @Test // Twisted: test_application.ServiceTests.testDuplicateNamedChild
        void aSecondChildOfTheSameNameIsRejected() {
            Service first = new Service();
            MultiService p = new MultiService();
            first.setName("hello");
            first.setServiceParent(p);
            Service second = new Service();
            second.setName("hello");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> second.setServiceParent(p));
            assertTrue(e.getMessage().startsWith("cannot have two services with same name 'hello'"),
                    e.getMessage());
            assertEquals(List.of(first), children(p));
            assertSame(first, p.getServiceNamed("hello"));
            // Twisted leaves second.parent pointing at p; here the refused service has no parent.
            assertNull(second.parent());
        }

        @Test // Twisted: test_application.ServiceTests.testDisowning
        void disowningRemovesTheChildFromItsParent() {
            Service s = new Service();
            MultiService p = new MultiService();
            s.setServiceParent(p);
            assertEquals(List.of(s), children(p));
            assertSame(p, s.parent());
            assertNull(successResultOf(s.disownServiceParent()));
            assertEquals(List.of(), children(p));
            assertNull(s.parent());
        }

        @Test
        void aDisownedNamedChildFreesItsName() {
            Service s = new Service();
            MultiService p = new MultiService();
            s.setName("hello");
            s.setServiceParent(p);
            s.disownServiceParent();
            assertThrows(NoSuchElementException.class, () -> p.getServiceNamed("hello"));
            Service other = new Service();
            other.setName("hello");
            other.setServiceParent(p);
            assertSame(other, p.getServiceNamed("hello"));
        }

        @Test
        void disowningWithoutAParentFails() {
            Service s = new Service();
            s.setName("orphan");
            IllegalStateException e = assertThrows(IllegalStateException.class, s::disownServiceParent);
            assertTrue(e.getMessage().contains("'orphan'"), e.getMessage());
        }

        @Test
        void removingAServiceThatIsNotAChildFails() {
            MultiService p = new MultiService();
            Service stranger = new Service();
            stranger.setName("stranger");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.removeService(stranger));
            assertTrue(e.getMessage().contains("'stranger'"), e.getMessage());
        }

        @Test
        void settingANewParentLeavesTheOldOne() {
            Service s = new Service();
            s.setName("hello");
            MultiService p1 = new MultiService();
            MultiService p2 = new MultiService();
            s.setServiceParent(p1);
            s.setServiceParent(p2);
            assertEquals(List.of(), children(p1));
            assertThrows(NoSuchElementException.class, () -> p1.getServiceNamed("hello"));
            assertEquals(List.of(s), children(p2));
            assertSame(p2, s.parent());
        }

        @Test
        void movingFromARunningParentToAStoppedOneStopsTheService() {
            Recorder s = new Recorder(events, "s");
            MultiService running = new MultiService();
            running.startService();
            s.setServiceParent(running);
            s.setServiceParent(new MultiService());
            assertFalse(s.running());
            assertEquals(List.of("privileged s", "start s", "stop s"), events);
        }

        @Test
        void aStopThatFailsWhileMovingIsLogged() {
            Recorder s = new Recorder(events, "s");
            TestException boom = new TestException("boom");
            MultiService running = new MultiService();
            running.startService();
            s.setServiceParent(running);
            s.stopThrows = boom;
            s.setServiceParent(new MultiService());
            assertEquals(1, loggedWith(boom).size(), LogCapture.events().toString());
        }

        @Test
        void childrenIterateInTheOrderAdded() {
            MultiService p = new MultiService();
            List<IService> added = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Service s = new Service();
                s.setServiceParent(p);
                added.add(s);
            }
            assertEquals(added, children(p));
        }

        @Test
        void theIteratorCannotRemove() {
            MultiService p = new MultiService();
            new Service().setServiceParent(p);
            Iterator<IService> it = p.iterator();
            it.next();
            assertThrows(UnsupportedOperationException.class, it::remove);
        }
    }

    @Nested
    class Running {
        @Test // Twisted: test_application.ServiceTests.testRunning
        void startAndStopSetTheRunningFlag() {
            Service s = new Service();
            assertFalse(s.running());
            s.startService();
            assertTrue(s.running());
            assertNull(successResultOf(s.stopService()));
            assertFalse(s.running());
        }

        @Test // Twisted: test_application.ServiceTests.testRunningChildren1
        void startingAndStoppingTheParentStartsAndStopsTheChildren() {
            Service s = new Service();
            MultiService p = new MultiService();
            s.setServiceParent(p);
            assertFalse(s.running());
            assertFalse(p.running());
            p.startService();
            assertTrue(s.running());
            assertTrue(p.running());
            successResultOf(p.stopService());
            assertFalse(s.running());
            assertFalse(p.running());
        }

        @Test // Twisted: test_application.ServiceTests.testRunningChildren2
        void childrenStartInOrderAndStopInReverse() {
            Service s = new Service();
            List<Boolean> sRunningSeenByT = new ArrayList<>();
            Service t = new Service() {
                @Override
                public void startService() {
                    sRunningSeenByT.add(s.running());
                }

                @Override
                public Deferred<Void> stopService() {
                    sRunningSeenByT.add(s.running());
                    return super.stopService();
                }
            };
            MultiService p = new MultiService();
            s.setServiceParent(p);
            t.setServiceParent(p);
            p.startService();
            successResultOf(p.stopService());
            assertEquals(List.of(true, true), sRunningSeenByT);
        }

        @Test
        void theOrderOfCallsIsParentFirstOnStartAndLastChildFirstOnStop() {
            MultiService p = new MultiService();
            for (String label : List.of("a", "b", "c")) {
                new Recorder(events, label).setServiceParent(p);
            }
            p.privilegedStartService();
            p.startService();
            p.stopService();
            assertEquals(List.of("privileged a", "privileged b", "privileged c",
                    "start a", "start b", "start c", "stop c", "stop b", "stop a"), events);
        }

        @Test // Twisted: test_application.ServiceTests.testAddingIntoRunning
        void aChildAddedToARunningParentStartsAndStopsWhenDisowned() {
            MultiService p = new MultiService();
            p.startService();
            Recorder s = new Recorder(events, "s");
            assertFalse(s.running());
            s.setServiceParent(p);
            assertTrue(s.running());
            assertNull(successResultOf(s.disownServiceParent()));
            assertFalse(s.running());
            assertEquals(List.of("privileged s", "start s", "stop s"), events);
        }

        @Test
        void aChildAddedToAStoppedParentIsNotStarted() {
            MultiService p = new MultiService();
            Recorder s = new Recorder(events, "s");
            s.setServiceParent(p);
            successResultOf(s.disownServiceParent());
            assertEquals(List.of(), events);
        }

        @Test // Twisted: test_application.ServiceTests.testPrivileged
        void privilegedStartReachesTheChildren() {
            Recorder s = new Recorder(events, "s");
            Service s1 = new Service();
            MultiService p = new MultiService();
            s.setServiceParent(p);
            s1.setServiceParent(p);
            p.privilegedStartService();
            assertEquals(List.of("privileged s"), events);
            assertFalse(s.running());
        }

        @Test
        void aChildAddedByASiblingsStartIsStartedOnce() {
            MultiService p = new MultiService();
            Recorder late = new Recorder(events, "late");
            new Service() {
                @Override
                public void startService() {
                    super.startService();
                    late.setServiceParent(p);
                }
            }.setServiceParent(p);
            p.startService();
            assertEquals(List.of("privileged late", "start late"), events);
        }

        @Test
        void nestedCollectionsStartAndStopTheWholeTree() {
            Application app = new Application("app");
            MultiService inner = new MultiService();
            inner.setServiceParent(app);
            new Recorder(events, "leaf").setServiceParent(inner);
            new Recorder(events, "top").setServiceParent(app);
            app.startService();
            successResultOf(app.stopService());
            assertEquals(List.of("start leaf", "start top", "stop top", "stop leaf"), events);
        }
    }

    @Nested
    class StoppingAMultiService {
        private final MultiService p = new MultiService();
        private final Recorder a = new Recorder(events, "a");
        private final Recorder b = new Recorder(events, "b");
        private final Recorder c = new Recorder(events, "c");

        @BeforeEach
        void startThree() {
            a.setServiceParent(p);
            b.setServiceParent(p);
            c.setServiceParent(p);
            p.startService();
        }

        @Test
        void anEmptyOneStopsAtOnce() {
            MultiService empty = new MultiService();
            empty.startService();
            assertNull(successResultOf(empty.stopService()));
        }

        @Test
        void waitsForEveryChildsStop() {
            a.stopResult = new Deferred<>();
            c.stopResult = new Deferred<>();
            Deferred<Void> d = p.stopService();
            assertFalse(p.running());
            assertEquals(List.of("stop c", "stop b", "stop a"), events.subList(3, 6));
            assertNoResult(d);
            c.stopResult.callback(null);
            assertNoResult(d);
            a.stopResult.callback(null);
            assertNull(successResultOf(d));
        }

        @Test
        void aFailedStopFailsTheWholeOnceEveryChildHasStopped() {
            TestException boom = new TestException("boom");
            a.stopResult = new Deferred<>();
            c.stopResult = new Deferred<>();
            Deferred<Void> d = p.stopService();
            c.stopResult.errback(boom);
            assertNoResult(d);
            a.stopResult.callback(null);
            assertSame(boom, failureResultOf(d, TestException.class).value());
        }

        @Test
        void aStopThatThrowsStillLetsTheOthersStop() {
            TestException boom = new TestException("boom");
            b.stopThrows = boom;
            Deferred<Void> d = p.stopService();
            assertEquals(List.of("stop c", "stop b", "stop a"), events.subList(3, 6));
            assertFalse(a.running());
            assertSame(boom, failureResultOf(d, TestException.class).value());
        }

        @Test
        void theFirstFailureInStopOrderFailsTheWholeAndTheOthersAreLogged() {
            TestException fromA = new TestException("a");
            TestException fromC = new TestException("c");
            a.stopThrows = fromA;
            c.stopResult = new Deferred<>();
            Deferred<Void> d = p.stopService();
            c.stopResult.errback(fromC);
            Failure f = failureResultOf(d, TestException.class);
            assertSame(fromC, f.value());
            List<LogCapture.LogEvent> logged = loggedWith(fromA);
            assertEquals(1, logged.size(), LogCapture.events().toString());
            assertEquals("MultiService: Recorder failed to stop too", logged.get(0).message());
            assertEquals(List.of(), loggedWith(fromC));
        }

        @Test
        void removingAChildFromARunningParentReturnsItsStop() {
            b.stopResult = new Deferred<>();
            Deferred<Void> d = b.disownServiceParent();
            assertNoResult(d);
            assertFalse(b.running());
            assertNull(b.parent());
            assertEquals(List.of(a, c), children(p));
            b.stopResult.callback(null);
            assertNull(successResultOf(d));
        }

        @Test
        void aChildStopThatThrowsOnRemovalFailsTheReturnedDeferred() {
            TestException boom = new TestException("boom");
            b.stopThrows = boom;
            Deferred<Void> d = p.removeService(b);
            assertSame(boom, failureResultOf(d, TestException.class).value());
            assertEquals(List.of(a, c), children(p));
        }

        @Test
        void stoppingTwiceStopsTheChildrenTwice() {
            // As in Twisted: MultiService.stopService stops every child, whatever its state.
            successResultOf(p.stopService());
            successResultOf(p.stopService());
            assertEquals(List.of("stop c", "stop b", "stop a", "stop c", "stop b", "stop a"),
                    events.subList(3, 9));
        }
    }

    @Nested
    class Applications {
        @Test // Twisted: test_application.ApplicationTests.testConstructor
        void anApplicationIsANamedServiceCollection() {
            Application app = new Application("hello");
            assertEquals("hello", app.name());
            assertNull(app.parent());
            assertFalse(app.running());
            IServiceCollection collection = app;
            assertEquals(List.of(), children(collection));
        }

        @Test
        void anApplicationNeedsAName() {
            NullPointerException e = assertThrows(NullPointerException.class, () -> new Application(null));
            assertEquals("name", e.getMessage());
        }
    }
}
