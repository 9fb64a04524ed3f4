CREATE TABLE `engagement_days` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text NOT NULL,
	`user_id` text NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` text DEFAULT '' NOT NULL,
	`day` text NOT NULL,
	`active_seconds` integer DEFAULT 0 NOT NULL,
	`spans` integer DEFAULT 0 NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `engagement_days_key` ON `engagement_days` (`room_id`,`user_id`,`subject_kind`,`subject_id`,`day`);--> statement-breakpoint
CREATE INDEX `engagement_days_room_day_idx` ON `engagement_days` (`room_id`,`day`);