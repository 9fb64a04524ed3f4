CREATE TABLE `milestone_sign_offs` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text NOT NULL,
	`milestone_id` text NOT NULL,
	`approver_id` text,
	`requested_at` integer NOT NULL,
	`last_reminded_at` integer,
	`reminder_count` integer DEFAULT 0 NOT NULL,
	`decision` text,
	`decided_at` integer,
	`decided_by_id` text,
	`comment` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`approver_id`) REFERENCES `stakeholders`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `milestone_sign_offs_milestone_idx` ON `milestone_sign_offs` (`milestone_id`,`requested_at`);--> statement-breakpoint
CREATE INDEX `milestone_sign_offs_room_idx` ON `milestone_sign_offs` (`room_id`,`decision`);--> statement-breakpoint
CREATE TABLE `raci_assignments` (
	`room_id` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`stakeholder_id` text NOT NULL,
	`letter` text NOT NULL,
	`updated_at` integer,
	PRIMARY KEY(`subject_type`, `subject_id`, `stakeholder_id`),
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`stakeholder_id`) REFERENCES `stakeholders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `raci_assignments_room_idx` ON `raci_assignments` (`room_id`);--> statement-breakpoint
CREATE INDEX `raci_assignments_stakeholder_idx` ON `raci_assignments` (`stakeholder_id`);--> statement-breakpoint
CREATE TABLE `template_raci` (
	`template_id` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`team_role` text NOT NULL,
	`letter` text NOT NULL,
	PRIMARY KEY(`subject_type`, `subject_id`, `team_role`),
	FOREIGN KEY (`template_id`) REFERENCES `plan_templates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `template_raci_template_idx` ON `template_raci` (`template_id`);--> statement-breakpoint
CREATE TABLE `review_findings` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`room_id` text NOT NULL,
	`category` text NOT NULL,
	`cost` text NOT NULL,
	`fix_by` text,
	`description` text NOT NULL,
	`template_id` text,
	`proposal_kind` text,
	`proposal` text,
	`proposal_status` text,
	`decided_by_id` text,
	`decided_at` integer,
	`applied_revision` integer,
	`created_by_id` text,
	`created_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`template_id`) REFERENCES `plan_templates`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_findings_review_idx` ON `review_findings` (`review_id`);--> statement-breakpoint
CREATE INDEX `review_findings_template_idx` ON `review_findings` (`template_id`,`proposal_status`);--> statement-breakpoint
CREATE INDEX `review_findings_created_idx` ON `review_findings` (`created_at`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`answers` text DEFAULT '{}' NOT NULL,
	`started_by_id` text,
	`started_at` integer NOT NULL,
	`completed_at` integer,
	`completed_by_id` text,
	`updated_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`started_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`completed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_room_unique` ON `reviews` (`room_id`);--> statement-breakpoint
CREATE INDEX `reviews_completed_idx` ON `reviews` (`completed_at`);--> statement-breakpoint
CREATE TABLE `survey_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`room_id` text NOT NULL,
	`stakeholder_id` text,
	`email` text NOT NULL,
	`locale` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`answered_at` integer,
	`satisfaction` integer,
	`recommend` integer,
	`comment` text,
	`sent_by_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`stakeholder_id`) REFERENCES `stakeholders`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`sent_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_requests_token_unique` ON `survey_requests` (`token_hash`);--> statement-breakpoint
CREATE INDEX `survey_requests_review_idx` ON `survey_requests` (`review_id`);--> statement-breakpoint
CREATE INDEX `survey_requests_answered_idx` ON `survey_requests` (`answered_at`);--> statement-breakpoint
CREATE TABLE `template_revisions` (
	`id` text PRIMARY KEY NOT NULL,
	`template_id` text NOT NULL,
	`revision` integer NOT NULL,
	`summary` text NOT NULL,
	`finding_id` text,
	`changed_by_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `plan_templates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`finding_id`) REFERENCES `review_findings`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`changed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `template_revisions_unique` ON `template_revisions` (`template_id`,`revision`);--> statement-breakpoint
ALTER TABLE `rooms` ADD `plan_template_revision` integer;--> statement-breakpoint
ALTER TABLE `plan_templates` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `template_milestones` ADD `sign_off_required` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `template_tasks` ADD `is_deliverable` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `milestones` ADD `sign_off_required` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `is_deliverable` integer DEFAULT false NOT NULL;