CREATE TABLE `handoff_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`handoff_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`handoff_id`) REFERENCES `handoffs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `handoff_messages_handoff_idx` ON `handoff_messages` (`handoff_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `handoffs` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`products_bought` text,
	`why_bought` text,
	`success_metrics` text,
	`people` text NOT NULL,
	`contract_start` text,
	`contract_end` text,
	`constraints` text,
	`promises` text,
	`risks` text,
	`competitors` text,
	`crm_deal_url` text,
	`notes` text,
	`created_by_id` text,
	`submitted_at` integer,
	`submitted_by_id` text,
	`acknowledged_at` integer,
	`acknowledged_by_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handoffs_account_unique` ON `handoffs` (`account_id`);--> statement-breakpoint
CREATE INDEX `handoffs_status_idx` ON `handoffs` (`status`);--> statement-breakpoint
CREATE TABLE `goal_checkins` (
	`id` text PRIMARY KEY NOT NULL,
	`goal_id` text NOT NULL,
	`value` real NOT NULL,
	`date` text NOT NULL,
	`comment` text,
	`author_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `goal_checkins_goal_idx` ON `goal_checkins` (`goal_id`,`date`);--> statement-breakpoint
CREATE TABLE `goal_milestones` (
	`goal_id` text NOT NULL,
	`milestone_id` text NOT NULL,
	PRIMARY KEY(`goal_id`, `milestone_id`),
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `goal_milestones_milestone_idx` ON `goal_milestones` (`milestone_id`);--> statement-breakpoint
CREATE TABLE `goals` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text NOT NULL,
	`statement` text NOT NULL,
	`kpi` text NOT NULL,
	`unit` text DEFAULT '' NOT NULL,
	`baseline` real NOT NULL,
	`target` real NOT NULL,
	`due_date` text NOT NULL,
	`owner_id` text,
	`position` integer NOT NULL,
	`achieved_at` integer,
	`created_by_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `stakeholders`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `goals_room_idx` ON `goals` (`room_id`,`position`);--> statement-breakpoint
CREATE TABLE `template_goals` (
	`id` text PRIMARY KEY NOT NULL,
	`template_id` text NOT NULL,
	`statement` text NOT NULL,
	`kpi` text NOT NULL,
	`unit` text DEFAULT '' NOT NULL,
	`baseline` real,
	`target` real,
	`due_offset_days` integer NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `plan_templates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `template_goals_template_idx` ON `template_goals` (`template_id`,`position`);--> statement-breakpoint
CREATE TABLE `action_items` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`text` text NOT NULL,
	`owner_id` text,
	`due_date` text,
	`task_id` text,
	`done_at` integer,
	`position` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `stakeholders`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `action_items_room_idx` ON `action_items` (`room_id`,`done_at`);--> statement-breakpoint
CREATE INDEX `action_items_meeting_idx` ON `action_items` (`meeting_id`,`position`);--> statement-breakpoint
CREATE INDEX `action_items_task_idx` ON `action_items` (`task_id`);--> statement-breakpoint
CREATE TABLE `meeting_agenda_templates` (
	`type` text PRIMARY KEY NOT NULL,
	`agenda_ja` text,
	`agenda_en` text,
	`updated_by_id` text,
	`updated_at` integer,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `meeting_attendees` (
	`meeting_id` text NOT NULL,
	`stakeholder_id` text NOT NULL,
	`attended` integer,
	PRIMARY KEY(`meeting_id`, `stakeholder_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`stakeholder_id`) REFERENCES `stakeholders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meeting_attendees_stakeholder_idx` ON `meeting_attendees` (`stakeholder_id`);--> statement-breakpoint
CREATE TABLE `meeting_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`text` text NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meeting_decisions_meeting_idx` ON `meeting_decisions` (`meeting_id`,`position`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`location` text,
	`video_url` text,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`shared_notes` text,
	`internal_notes` text,
	`notes_version` integer DEFAULT 1 NOT NULL,
	`notes_updated_at` integer,
	`notes_updated_by_id` text,
	`ics_sequence` integer DEFAULT 0 NOT NULL,
	`minutes_sent_at` integer,
	`created_by_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`notes_updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `meetings_room_starts_idx` ON `meetings` (`room_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `report_schedules` (
	`room_id` text PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`weekday` integer DEFAULT 1 NOT NULL,
	`time_of_day` text DEFAULT '09:00' NOT NULL,
	`next_intro` text,
	`last_sent_on` text,
	`updated_at` integer,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `status_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`intro` text,
	`content` text NOT NULL,
	`sent_by_id` text,
	`sent_at` integer NOT NULL,
	`recipient_count` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sent_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `status_reports_room_idx` ON `status_reports` (`room_id`,`sent_at`);--> statement-breakpoint
ALTER TABLE `plan_templates` ADD `first_goal_marks_first_value` integer DEFAULT false NOT NULL;