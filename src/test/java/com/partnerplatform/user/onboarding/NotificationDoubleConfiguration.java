package com.partnerplatform.user.onboarding;

import com.partnerplatform.platform.mail.MailSettings;
import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.WorkerRegistration;
import com.partnerplatform.user.NotificationWorkflow;
import java.util.List;
import java.util.Set;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Registers {@link MailingNotificationWorkflow} on the users queue unless the application has a
 * notification workflow of its own, so that tests using it work before and after that one exists.
 */
@TestConfiguration(proxyBeanMethods = false)
@Conditional(NotificationDoubleConfiguration.NoNotificationWorkflowInTheApplication.class)
class NotificationDoubleConfiguration {

  @Bean
  WorkerRegistration notificationDoubleWorkers(JavaMailSender sender, JdbcClient jdbc, MailSettings settings) {
    return WorkerRegistration.on(DomainQueue.USERS, List.of(MailingNotificationWorkflow.class),
        List.of(new SmtpNotificationMailer(sender, jdbc, settings)));
  }

  static class NoNotificationWorkflowInTheApplication implements Condition {

    private static final Set<String> TEST_DOUBLES = Set.of(
        MailingNotificationWorkflow.class.getName(), RecordingNotificationWorkflow.class.getName());

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
      scanner.addIncludeFilter(new AssignableTypeFilter(NotificationWorkflow.class));
      return scanner.findCandidateComponents("com.partnerplatform").stream()
          .allMatch(candidate -> TEST_DOUBLES.contains(candidate.getBeanClassName()));
    }
  }
}
