package org.evcharging.bpp.core.tasks;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Starts every {@link Sweep} of the application when it starts, on the container's scheduler, and stops them at its end. */
@ApplicationScoped
public class Sweeps {

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @Any
    Instance<Sweep> sweeps;

    private final List<PeriodicTask> running = new ArrayList<>();

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        for (Sweep s : sweeps) {
            running.add(PeriodicTask.start(scheduler, s.name(), s.every(), s::sweep));
        }
    }

    @PreDestroy
    void stop() {
        running.forEach(PeriodicTask::stop);
    }
}
