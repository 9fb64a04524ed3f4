CREATE TABLE `health_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text NOT NULL,
	`rule` text NOT NULL,
	`severity` text NOT NULL,
	`facts` text NOT NULL,
	`opened_at` integer NOT NULL,
	`last_notified_at` integer,
	`notified_severity` text,
	`acknowledged_at` integer,
	`acknowledged_by_id` text,
	`snoozed_until` integer,
	`snooze_reason` text,
	`resolved_at` integer,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`acknowledged_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `health_alerts_open_unique` ON `health_alerts` (`room_id`,`rule`) WHERE "health_alerts"."resolved_at" IS NULL;--> statement-breakpoint
CREATE INDEX `health_alerts_room_idx` ON `health_alerts` (`room_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `health_configs` (
	`version` integer PRIMARY KEY NOT NULL,
	`config` text NOT NULL,
	`created_by_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `health_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text NOT NULL,
	`band` text,
	`score` real,
	`reason` text NOT NULL,
	`expires_on` text NOT NULL,
	`created_by_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`cleared_at` integer,
	`cleared_by_id` text,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cleared_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `health_overrides_room_idx` ON `health_overrides` (`room_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `health_pulses` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text NOT NULL,
	`value` text NOT NULL,
	`comment` text NOT NULL,
	`set_by_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`set_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `health_pulses_room_idx` ON `health_pulses` (`room_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `health_snapshots` (
	`room_id` text NOT NULL,
	`day` text NOT NULL,
	`score` real,
	`band` text NOT NULL,
	`raw_band` text NOT NULL,
	`effective_score` real,
	`effective_band` text NOT NULL,
	`result` text NOT NULL,
	`overridden` integer DEFAULT false NOT NULL,
	`model_version` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`room_id`, `day`),
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `job_locks` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text,
	`locked_until` integer,
	`last_run_key` text,
	`last_run_at` integer
);
--> statement-breakpoint
CREATE TABLE `milestone_ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text NOT NULL,
	`milestone_id` text NOT NULL,
	`user_id` text NOT NULL,
	`stars` integer NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `milestone_ratings_unique` ON `milestone_ratings` (`milestone_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `milestone_ratings_room_idx` ON `milestone_ratings` (`room_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `room_health` (
	`room_id` text PRIMARY KEY NOT NULL,
	`score` real,
	`band` text DEFAULT 'grey' NOT NULL,
	`raw_band` text DEFAULT 'grey' NOT NULL,
	`effective_score` real,
	`effective_band` text DEFAULT 'grey' NOT NULL,
	`trend_delta` real,
	`mode` text DEFAULT 'proactive' NOT NULL,
	`result` text,
	`model_version` integer DEFAULT 0 NOT NULL,
	`progress_percent` integer DEFAULT 0 NOT NULL,
	`next_milestone_title` text,
	`next_milestone_date` text,
	`next_milestone_slip_days` integer,
	`last_customer_activity_on` text,
	`first_value_days` integer,
	`open_alerts` integer DEFAULT 0 NOT NULL,
	`computed_at` integer,
	`dirty_since` integer,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `room_health_dirty_idx` ON `room_health` (`dirty_since`);--> statement-breakpoint
CREATE INDEX `room_health_effective_idx` ON `room_health` (`effective_band`,`effective_score`);--> statement-breakpoint
ALTER TABLE `memberships` ADD `last_seen_at` integer;--> statement-breakpoint
ALTER TABLE `rooms` ADD `plan_template_id` text;