CREATE TABLE `learning_path_modules` (
	`id` text PRIMARY KEY NOT NULL,
	`path_id` text NOT NULL,
	`module_id` text NOT NULL,
	`position` integer NOT NULL,
	`due_offset_days` integer DEFAULT 14 NOT NULL,
	FOREIGN KEY (`path_id`) REFERENCES `learning_paths`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`module_id`) REFERENCES `training_modules`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `learning_path_modules_key` ON `learning_path_modules` (`path_id`,`module_id`);--> statement-breakpoint
CREATE TABLE `learning_paths` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`persona` text,
	`language` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`progress_id` text NOT NULL,
	`module_version_id` text NOT NULL,
	`answers` text NOT NULL,
	`score` integer NOT NULL,
	`passed` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`progress_id`) REFERENCES `training_progress`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quiz_attempts_progress_idx` ON `quiz_attempts` (`progress_id`);--> statement-breakpoint
CREATE TABLE `room_training_items` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text NOT NULL,
	`module_id` text NOT NULL,
	`position` integer NOT NULL,
	`due_offset_days` integer NOT NULL,
	`assignee_user_id` text,
	`audience` text,
	`path_id` text,
	`created_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`module_id`) REFERENCES `training_modules`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`path_id`) REFERENCES `learning_paths`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `room_training_items_room_idx` ON `room_training_items` (`room_id`,`position`);--> statement-breakpoint
CREATE TABLE `template_curricula` (
	`id` text PRIMARY KEY NOT NULL,
	`template_id` text NOT NULL,
	`path_id` text NOT NULL,
	`audience` text NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `plan_templates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`path_id`) REFERENCES `learning_paths`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `template_curricula_key` ON `template_curricula` (`template_id`,`path_id`,`audience`);--> statement-breakpoint
CREATE TABLE `training_module_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`module_id` text NOT NULL,
	`number` integer NOT NULL,
	`content` text NOT NULL,
	`created_by_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`module_id`) REFERENCES `training_modules`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_module_versions_number` ON `training_module_versions` (`module_id`,`number`);--> statement-breakpoint
CREATE TABLE `training_modules` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`product` text,
	`persona` text,
	`language` text NOT NULL,
	`current_version_id` text,
	`current_version_number` integer DEFAULT 1 NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`created_by_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_modules_kind_idx` ON `training_modules` (`kind`);--> statement-breakpoint
CREATE TABLE `training_progress` (
	`id` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text DEFAULT 'not_started' NOT NULL,
	`module_version_id` text,
	`last_position` real DEFAULT 0 NOT NULL,
	`read_to_end` integer DEFAULT false NOT NULL,
	`watched_segments` text DEFAULT '[]' NOT NULL,
	`watched_seconds` real DEFAULT 0 NOT NULL,
	`video_reported_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`best_score` integer,
	`passed` integer DEFAULT false NOT NULL,
	`first_opened_at` integer,
	`last_opened_at` integer,
	`completed_at` integer,
	FOREIGN KEY (`item_id`) REFERENCES `room_training_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_progress_key` ON `training_progress` (`item_id`,`user_id`);